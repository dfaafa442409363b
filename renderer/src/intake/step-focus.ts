// Where the keyboard is when a step opens — reached by Enter, by Alt+←, or
// when a restored draft reopens on it: always a control where the wizard's
// keys work (Enter moves on), never the page's body.
import type { Step } from './wizard-state.ts';

/** The first control of each step, found in the step's area. */
const FIRST_CONTROL: Record<Step, (area: HTMLElement) => HTMLElement | null> = {
  matter: (area) => area.querySelector('[data-testid="matter-search"]'),
  applicant: (area) => area.querySelector('[data-testid="applicant-name"]'),
  // The first material's outcome: its chosen radio, as Tab would reach it; arrows change it.
  materials: (area) => {
    const group = area.querySelector('[data-testid="materials-table"] .ant-radio-group');
    return group?.querySelector('input[type="radio"]:checked') ?? group?.querySelector('input[type="radio"]') ?? null;
  },
  // The scans' area: Alt+F adds files, Tab reaches the add button and each scan's material.
  scans: (area) => area.querySelector('[data-testid="scan-drop-zone"]'),
  // The submit button: Enter (or Ctrl+Enter) submits.
  review: (area) => area.querySelector('[data-testid="submit-intake"]'),
};

/**
 * Whether a step opening by itself may take the focus: from nowhere (the page's body) or from within
 * the wizard, never from a control the person went to while the workspace or the draft was loading
 * (the language, the menu).
 */
export function focusIsFree(wizard: Element | null | undefined): boolean {
  const active = document.activeElement;
  return !active || active === document.body || (wizard?.contains(active) ?? false);
}

/** Focuses the step's first control; false when it is not on screen. */
export function focusStepStart(area: HTMLElement | null, step: Step): boolean {
  const control = area ? FIRST_CONTROL[step](area) : null;
  control?.focus();
  return control !== null;
}
