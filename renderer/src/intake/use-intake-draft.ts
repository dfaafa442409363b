// The intake on screen as a draft: on arrival the clerk's saved draft comes
// back (or a new intake starts), and every change is saved a moment after
// typing stops, so the intake survives a restart.
import { useCallback, useEffect, useState } from 'react';
import type { Catalog, Matter } from '../../../shared/catalog/schema.ts';
import type { Language } from '../../../shared/languages.ts';
import { rpc } from '../rpc.ts';
import { newWizard, STEPS, type Step, type WizardState } from './wizard-state.ts';

const SAVE_AFTER_MS = 500;

function isWizardState(value: unknown): value is WizardState {
  const v = value as Partial<WizardState> | null;
  return Boolean(v && typeof v.draftId === 'string' && STEPS.includes(v.step as Step) && v.applicant && v.materials);
}

export interface IntakeDraft {
  /** Every matter of the catalogs. */
  matters: Matter[];
  /** Null until the drafts are read. */
  state: WizardState | null;
  update(change: (draft: WizardState) => WizardState): void;
  /** The intake on screen came back from a saved draft. */
  restored: boolean;
  savedAt: string | null;
  /** A new intake in place of this one; its draft is discarded unless it was submitted. */
  startAfresh(): void;
}

/** `submitted`: the intake went in, so there is nothing more to save. */
export function useIntakeDraft(language: Language, submitted: boolean): IntakeDraft {
  const [matters, setMatters] = useState<Matter[]>([]);
  const [state, setState] = useState<WizardState | null>(null);
  const [restored, setRestored] = useState(false);
  const [savedAt, setSavedAt] = useState<string | null>(null);

  useEffect(() => {
    void Promise.all([rpc('catalog.list', {}), rpc('drafts.list', {})]).then(
      ([catalogs, drafts]: [Catalog[], { state: unknown }[]]) => {
        setMatters(catalogs.flatMap((c) => c.matters));
        const draft = drafts.map((d) => d.state).find(isWizardState);
        setState(draft ?? newWizard(language));
        setRestored(Boolean(draft));
      },
      // A session that ended meanwhile (signed out as the workspace opened) is the session layer's to
      // report, and takes this screen away: nothing to do here.
      () => undefined,
    );
    // Only on arrival: the language of a new intake follows the UI at that moment.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useEffect(() => {
    if (!state || submitted) return;
    const timer = setTimeout(() => {
      const draft = { draftId: state.draftId, state: state as unknown as Record<string, unknown> };
      void rpc('drafts.save', draft).then(
        (saved) => setSavedAt(saved.updatedAt),
        () => setSavedAt(null),
      );
    }, SAVE_AFTER_MS);
    return () => clearTimeout(timer);
  }, [state, submitted]);

  const update = useCallback((change: (draft: WizardState) => WizardState) => setState((s) => (s ? change(s) : s)), []);

  const startAfresh = (): void => {
    if (state && !submitted) void rpc('drafts.discard', { draftId: state.draftId }).catch(() => undefined);
    setState(newWizard(language));
    setRestored(false);
  };

  return { matters, state, update, restored, savedAt, startAfresh };
}
