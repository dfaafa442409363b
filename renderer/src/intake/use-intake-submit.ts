// Submitting the intake: once at a time, the case it made, or the backend's
// refusal in words.
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { describeError, rpc } from '../rpc.ts';
import type { MatterNames } from './matter-names.ts';
import { toSubmission, type WizardState } from './wizard-state.ts';

export interface IntakeSubmit {
  /** The case the intake made, once submitted. */
  done: { caseId: string; caseNo: string } | null;
  submitting: boolean;
  error: string | null;
  /** A submit is under way (seen at once, before React renders again). */
  inFlight(): boolean;
  send(state: WizardState, names: MatterNames): Promise<void>;
  clearError(): void;
  /** Forgets the case made and any error, for a new intake. */
  reset(): void;
}

export function useIntakeSubmit(onSubmitted: (caseId: string) => void): IntakeSubmit {
  const { t } = useTranslation();
  const [submitting, setSubmitting] = useState(false);
  const [done, setDone] = useState<{ caseId: string; caseNo: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  // A second Ctrl+Enter can arrive before React re-renders; the ref sees it at once.
  const inFlight = useRef(false);

  const send = async (state: WizardState, names: MatterNames): Promise<void> => {
    inFlight.current = true;
    setSubmitting(true);
    setError(null);
    try {
      const result = await rpc('intake.submit', toSubmission(state));
      setDone(result);
      onSubmitted(result.caseId);
    } catch (e) {
      setError(describeError(e, t, names));
    } finally {
      inFlight.current = false;
      setSubmitting(false);
    }
  };

  return {
    done,
    submitting,
    error,
    inFlight: () => inFlight.current,
    send,
    clearError: () => setError(null),
    reset: () => {
      setDone(null);
      setError(null);
    },
  };
}
