// The clerk's side of the applicant's screen, kept by the wizard across its
// steps and its submitted result: opening a pairing (on the second display in
// the desktop app, else by the code in a browser window), sending what the
// wizard holds, and taking in what the applicant did as the backend announces
// it — the acknowledgement into the draft, the signature into the application
// form, a field called wrong as a message and the focus on that field.
import { useEffect, useEffectEvent, useRef, useState, type ReactNode, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import type { Matter } from '../../../shared/catalog/schema.ts';
import type { PairingState } from '../../../shared/rpc/methods/applicant-screen.ts';
import { api } from '../backend.ts';
import type { Language } from '../../../shared/languages.ts';
import { applicationFormModel } from '../intake/application-form.ts';
import { formatTime } from '../notices/print.tsx';
import { keepSignedForm } from '../intake/signed-form.ts';
import type { WizardState } from '../intake/wizard-state.ts';
import { describeError, rpc } from '../rpc.ts';
import { useSession } from '../session/session.tsx';
import { ApplicantScreenPanel, type PanelNote } from './ApplicantScreenPanel.tsx';
import { applicantContent } from './applicant-content.ts';
import { fieldControl, fieldLabel, fieldStep } from './field-labels.ts';

export interface ApplicantScreenOptions {
  state: WizardState | null;
  update(change: (draft: WizardState) => WizardState): void;
  matter: Matter | undefined;
  submitted: boolean;
  /** The wizard's area, where the field the applicant called wrong is focused. */
  area: RefObject<HTMLElement | null>;
}

export function useApplicantScreen({ state, update, matter, submitted, area }: ApplicantScreenOptions): ReactNode {
  const { t, i18n } = useTranslation();
  const session = useSession();
  const [pairing, setPairing] = useState<PairingState | null>(null);
  const [desktop, setDesktop] = useState<'opened' | 'none' | null>(null);
  const [notes, setNotes] = useState<PanelNote[]>([]);
  const [error, setError] = useState<string | null>(null);
  const seen = useRef({ acknowledgedAt: null as string | null, signedAt: null as string | null, flagAt: '' });
  // A pairing of another draft than the wizard's is over (see stale below).
  const current = pairing !== null && pairing.draftId === state?.draftId ? pairing : null;
  const pairingId = current?.pairingId ?? null;
  const live = current !== null && (current.phase === 'waiting' || current.phase === 'paired');

  const note = (next: PanelNote): void => setNotes((all) => [...all.filter((n) => n.kind !== next.kind), next]);

  const open = async (): Promise<void> => {
    if (!state) return;
    setError(null);
    setNotes([]);
    seen.current = { acknowledgedAt: null, signedAt: null, flagAt: '' };
    try {
      const opened = await rpc('applicantScreen.open', { draftId: state.draftId });
      setPairing(opened);
      if (api.openApplicantScreen && opened.code) {
        setDesktop((await api.openApplicantScreen(opened.code)).opened ? 'opened' : 'none');
      }
    } catch (e) {
      setError(describeError(e, t));
    }
  };

  const takeIn = async (next: PairingState): Promise<void> => {
    const wizard = state;
    const chosen = matter;
    if (!wizard) return;
    if (next.acknowledgedAt && next.acknowledgedAt !== seen.current.acknowledgedAt) {
      seen.current.acknowledgedAt = next.acknowledgedAt;
      const at = next.acknowledgedAt;
      // Recorded as the clerk's Alt+P records it: the moment the applicant acknowledged.
      update((s) => ({ ...s, privacyAcknowledgedAt: at }));
      note({
        kind: 'acknowledged',
        text: t('applicantScreen.clerk.acknowledged', { time: formatTime(at, i18n.language as Language) }),
      });
    }
    if (next.flag && next.flag.at !== seen.current.flagAt) {
      seen.current.flagAt = next.flag.at;
      const field = next.flag.field;
      const name = (id: string): string => chosen?.materials.find((m) => m.id === id)?.names[wizard.language] ?? id;
      note({ kind: 'flagged', text: t('applicantScreen.clerk.flagged', { field: fieldLabel(field, t, name) }) });
      update((s) => ({ ...s, step: fieldStep(field) }));
      // After the step has opened and taken its own first control's focus.
      requestAnimationFrame(() =>
        requestAnimationFrame(() => {
          if (area.current) fieldControl(area.current, field)?.focus();
        }),
      );
    }
    if (next.rating) {
      note({
        kind: 'rated',
        text: t('applicantScreen.clerk.rated', { rating: t(`actions.ratings.${next.rating.rating}`) }),
      });
    }
    const device = session.info?.device;
    if (next.signedAt && next.signedAt !== seen.current.signedAt && chosen && device) {
      seen.current.signedAt = next.signedAt;
      try {
        const { png } = await rpc('applicantScreen.takeSignature', { pairingId: next.pairingId });
        const place = { regionCode: device.regionCode, hall: device.hall, windowNo: device.windowNo };
        const model = applicationFormModel(chosen, wizard, place, true, new Date());
        await keepSignedForm(chosen, model, png, `${t('paperwork.form.fileName')}.png`, update);
        note({ kind: 'signed', text: t('applicantScreen.clerk.signed') });
      } catch (e) {
        note({ kind: 'signed', text: t('applicantScreen.clerk.signFailed', { error: describeError(e, t) }) });
      }
    }
  };

  const close = (): void => {
    if (pairingId) void rpc('applicantScreen.close', { pairingId }).catch(() => undefined);
    setPairing(null);
    setDesktop(null);
    setNotes([]);
  };

  // Another applicant: the screen of the last one is closed, and the panel starts afresh.
  const stale = pairing !== null && pairing.draftId !== state?.draftId ? pairing.pairingId : null;
  useEffect(() => {
    if (stale) void rpc('applicantScreen.close', { pairingId: stale }).catch(() => undefined);
  }, [stale]);

  // What the wizard holds, sent whenever it changes while the screen is open.
  const content = state && !submitted ? JSON.stringify(applicantContent(state)) : null;
  const send = useEffectEvent((id: string, text: string) => {
    void rpc('applicantScreen.show', { pairingId: id, content: JSON.parse(text) as never }).catch((e: unknown) =>
      setError(describeError(e, t)),
    );
  });
  useEffect(() => {
    if (pairingId && live && content !== null) send(pairingId, content);
  }, [pairingId, live, content]);

  const read = useEffectEvent((id: string) => {
    void rpc('applicantScreen.state', { pairingId: id })
      .then(async (next) => {
        setPairing(next);
        await takeIn(next);
      })
      .catch((e: unknown) => setError(describeError(e, t)));
  });
  useEffect(() => {
    if (!pairingId) return;
    return api.on('applicantScreen.changed', (changed) => {
      if (changed.pairingId === pairingId) read(pairingId);
    });
  }, [pairingId]);

  // An unused code expires: the panel says so when it does.
  const expiresAt = current?.codeExpiresAt;
  useEffect(() => {
    if (!pairingId || !expiresAt) return;
    const timer = setTimeout(
      () => void rpc('applicantScreen.state', { pairingId }).then(setPairing, () => undefined),
      Math.max(0, Date.parse(expiresAt) - Date.now()) + 500,
    );
    return () => clearTimeout(timer);
  }, [pairingId, expiresAt]);

  return (
    <ApplicantScreenPanel
      pairing={current}
      desktop={current ? desktop : null}
      notes={current ? notes : []}
      error={error}
      submitted={submitted}
      canOpen={Boolean(state) && !submitted}
      onOpen={() => void open()}
      onClose={close}
    />
  );
}
