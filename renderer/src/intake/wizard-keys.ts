// The wizard's keyboard: Enter moves on, Alt+← goes back, Ctrl+Enter submits,
// Alt+A/R/F are the shortcuts shown on screen, Alt+Q puts the keyboard in the
// queue ticket and Alt+P records the privacy notice's acknowledgement (Alt+N
// belongs to the whole workspace: new-intake-key.ts).
import type { KeyboardEvent } from 'react';
import type { Step } from './wizard-state.ts';

export type WizardCommand =
  'back' | 'toggleAgent' | 'markAllRequired' | 'pickFile' | 'submit' | 'next' | 'focusTicket' | 'togglePrivacy';

/** Alt+Q: the queue ticket, from the wizard or the window's case list (IntakeWorkspace.tsx). */
export function isTicketKey(e: Pick<KeyboardEvent, 'altKey' | 'ctrlKey' | 'shiftKey' | 'code'>): boolean {
  return e.altKey && !e.ctrlKey && !e.shiftKey && e.code === 'KeyQ';
}

/** What a key pressed in the wizard does; null leaves the key to the page. */
export function wizardCommand(
  e: KeyboardEvent,
  at: { done: boolean; step: Step | undefined; agentAllowed: boolean },
): WizardCommand | null {
  const target = e.target as HTMLElement;
  if (at.done) return null;
  if (e.altKey && e.key === 'ArrowLeft') return 'back';
  if (isTicketKey(e)) return 'focusTicket';
  if (e.altKey && e.code === 'KeyP') return 'togglePrivacy';
  if (e.altKey && e.code === 'KeyA' && at.agentAllowed) return 'toggleAgent';
  if (e.altKey && e.code === 'KeyR' && at.step === 'materials') return 'markAllRequired';
  if (e.altKey && e.code === 'KeyF' && at.step === 'scans') return 'pickFile';
  if (e.ctrlKey && e.key === 'Enter' && at.step === 'review') return 'submit';
  if (
    e.key === 'Enter' &&
    !e.ctrlKey &&
    !e.altKey &&
    !e.shiftKey &&
    at.step !== 'matter' &&
    target.tagName !== 'TEXTAREA' &&
    target.tagName !== 'BUTTON' &&
    !target.closest('.ant-select')
  ) {
    return at.step === 'review' ? 'submit' : 'next';
  }
  return null;
}
