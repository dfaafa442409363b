import { describe, expect, it } from 'vitest';
import { RESOURCES } from '../i18n/index.ts';
import { LANGUAGES } from '../languages.ts';
import {
  RECTIFICATION_REFUSALS,
  RECTIFICATION_STATES,
  RECTIFICATION_STEPS,
  stepRefusal,
  type RectificationStep,
} from './rectification.ts';

describe('the rectification steps', () => {
  it('allow each step from its states only, and say what is missing or past otherwise', () => {
    const table = Object.fromEntries(
      (Object.keys(RECTIFICATION_STEPS) as RectificationStep[]).map((step) => [
        step,
        Object.fromEntries(RECTIFICATION_STATES.map((state) => [state, stepRefusal(step, state)])),
      ]),
    );
    expect(table).toEqual({
      assign: {
        open: null,
        assigned: null,
        answered: 'rectification_already_answered',
        contacted: 'rectification_already_answered',
        closed: 'rectification_closed',
      },
      answer: {
        open: 'rectification_not_assigned',
        assigned: null,
        answered: null,
        contacted: 'rectification_already_contacted',
        closed: 'rectification_closed',
      },
      contact: {
        open: 'rectification_not_answered',
        assigned: 'rectification_not_answered',
        answered: null,
        contacted: null,
        closed: 'rectification_closed',
      },
      close: {
        open: 'rectification_not_contacted',
        assigned: 'rectification_not_contacted',
        answered: 'rectification_not_contacted',
        contacted: null,
        closed: 'rectification_closed',
      },
    });
  });

  it('lead every item from open to closed by the steps in order', () => {
    let state: (typeof RECTIFICATION_STATES)[number] = 'open';
    for (const step of ['assign', 'answer', 'contact', 'close'] as const) {
      expect(stepRefusal(step, state)).toBeNull();
      state = RECTIFICATION_STEPS[step].to;
    }
    expect(state).toBe('closed');
  });

  it('has every refusal in words in each language', () => {
    for (const language of LANGUAGES) {
      const reasons = RESOURCES[language].reasons as Record<string, string>;
      for (const reason of RECTIFICATION_REFUSALS) expect(reasons[reason], `${language} ${reason}`).toMatch(/\S/);
    }
  });
});
