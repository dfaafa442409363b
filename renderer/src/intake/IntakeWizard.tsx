// The intake wizard, keyboard-first (wizard-keys.ts): each step is checked
// with the backend's own rules before it may be left, and the whole state is
// saved as a draft on every change (use-intake-draft.ts).
import { useEffect, useImperativeHandle, useMemo, useRef, useState, type Ref } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, Button, Card, Space, Steps, Typography, type InputRef } from 'antd';
import type { Matter } from '../../../shared/catalog/schema.ts';
import type { SubmissionProblem } from '../../../shared/case/intake.ts';
import type { Language } from '../../../shared/languages.ts';
import { useApplicantScreen } from '../applicant-screen/use-applicant-screen.tsx';
import { ApplicantStep } from './ApplicantStep.tsx';
import { MaterialsStep } from './MaterialsStep.tsx';
import { matterNames } from './matter-names.ts';
import { MatterStep } from './MatterStep.tsx';
import { ticketTakenAt, withPrivacyToggled, withStarted } from './queue-privacy-state.ts';
import { QueuePrivacyBar } from './QueuePrivacyBar.tsx';
import { ReviewStep } from './ReviewStep.tsx';
import { ScansStep } from './ScansStep.tsx';
import { focusIsFree, focusStepStart } from './step-focus.ts';
import { StepProblems } from './StepProblems.tsx';
import { SubmittedResult } from './SubmittedResult.tsx';
import { useIntakeDraft } from './use-intake-draft.ts';
import { useIntakeSubmit } from './use-intake-submit.ts';
import { wizardCommand, type WizardCommand } from './wizard-keys.ts';
import {
  problemsOf,
  STEP_FIELDS,
  STEPS,
  withAllRequiredReceived,
  withMatter,
  type Step,
  type WizardState,
} from './wizard-state.ts';

/** What the workspace asks of the wizard: the next applicant (Alt+N), and the focus after a receipt. */
export interface IntakeWizardHandle {
  startNew(): void;
  /** After a submission the new-intake button, else the current step's first control. */
  focusNextIntake(): void;
  /** Alt+Q from the case list: the queue ticket, once the wizard's tab is shown. */
  focusTicket(): void;
}

export function IntakeWizard({
  onSubmitted,
  ref,
}: {
  onSubmitted(caseId: string): void;
  ref?: Ref<IntakeWizardHandle>;
}) {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  const submission = useIntakeSubmit(onSubmitted);
  const { done } = submission;
  const { matters, state, update, restored, savedAt, startAfresh } = useIntakeDraft(language, done !== null);
  const [problems, setProblems] = useState<SubmissionProblem[]>([]);
  const picker = useRef<HTMLInputElement>(null);
  const container = useRef<HTMLDivElement>(null);
  const newIntakeButton = useRef<HTMLButtonElement>(null);
  const ticketInput = useRef<InputRef>(null);

  const matter = useMemo(() => matters.find((m) => m.id === state?.matterId), [matters, state?.matterId]);
  // The applicant's own screen, kept across the steps and the submitted result.
  const applicantScreen = useApplicantScreen({ state, update, matter, submitted: done !== null, area: container });
  const names = matterNames(matter, language);

  const goTo = (step: Step): void => {
    setProblems([]);
    submission.clearError();
    update((s) => ({ ...s, step }));
  };

  // Each step opens with the keyboard on its first control: after Enter or Alt+←, and when a
  // restored draft reopens on it.
  const step = state?.step;
  const draftId = state?.draftId;
  const submitted = done !== null;
  // A new intake asked for (Alt+N, the button) takes the focus from wherever it is.
  const focusAsked = useRef(false);
  useEffect(() => {
    if (!step || !draftId || submitted) return;
    if (!focusAsked.current && !focusIsFree(container.current)) return;
    focusAsked.current = false;
    if (!focusStepStart(container.current, step)) container.current?.focus();
  }, [step, draftId, submitted]);

  const stepProblems = (s: WizardState, step: Step): SubmissionProblem[] => {
    const found = problemsOf(matter, s).filter((p) => STEP_FIELDS[step](p.field));
    // A name is not a rule of checkSubmission (the schema refuses it empty): asked here, naming whose.
    if (step === 'applicant' && s.hasAgent && s.agent.name.trim() === '')
      found.unshift({ reason: 'form_field_missing', field: 'agent.name' });
    if (step === 'applicant' && s.applicant.name.trim() === '')
      found.unshift({ reason: 'form_field_missing', field: 'applicant.name' });
    return found;
  };

  const next = (): void => {
    if (!state || !matter) return;
    const index = STEPS.indexOf(state.step);
    const found = stepProblems(state, state.step);
    if (found.length > 0) {
      setProblems(found);
      return;
    }
    if (index < STEPS.length - 1) goTo(STEPS[index + 1]!);
  };

  const back = (): void => {
    if (!state) return;
    const index = STEPS.indexOf(state.step);
    if (index > 0) goTo(STEPS[index - 1]!);
  };

  const chooseMatter = (chosen: Matter): void => {
    update((s) => withStarted(withMatter(s, chosen)));
    setProblems([]);
  };

  const submit = (): void => {
    if (!state || !matter || submission.inFlight()) return;
    const found = problemsOf(matter, state);
    if (found.length > 0) {
      setProblems(found);
      return;
    }
    // A ticket time not hh:mm is said under its field; nothing goes until it is right or empty.
    if (ticketTakenAt(state.ticketTime) === undefined) return;
    void submission.send(state, names);
  };

  const startNew = (): void => {
    focusAsked.current = true;
    startAfresh();
    submission.reset();
    setProblems([]);
  };

  useImperativeHandle(ref, () => ({
    startNew,
    focusNextIntake: () => {
      if (done) newIntakeButton.current?.focus();
      else if (state && !focusStepStart(container.current, state.step)) container.current?.focus();
    },
    focusTicket: () => setTimeout(() => ticketInput.current?.focus()),
  }));

  const markAllRequired = (): void => {
    if (matter) update((s) => withAllRequiredReceived(s, matter));
  };

  const commands: Record<WizardCommand, () => void> = {
    back,
    toggleAgent: () => update((s) => ({ ...s, hasAgent: !s.hasAgent })),
    markAllRequired,
    pickFile: () => picker.current?.click(),
    submit,
    next,
    focusTicket: () => ticketInput.current?.focus(),
    togglePrivacy: () => update(withPrivacyToggled),
  };
  const onKeyDown = (e: React.KeyboardEvent): void => {
    const command = wizardCommand(e, {
      done: done !== null,
      step: state?.step,
      agentAllowed: matter?.agentAllowed ?? false,
    });
    if (!command) return;
    commands[command]();
    e.preventDefault();
  };

  if (!state) return null;

  if (done) {
    return (
      <>
        {applicantScreen}
        <SubmittedResult
          done={done}
          deferred={Object.values(state.materials).some((m) => m.outcome === 'deferred')}
          newIntakeRef={newIntakeButton}
          onOpenReceipt={() => onSubmitted(done.caseId)}
          onNew={startNew}
        />
      </>
    );
  }

  const stepIndex = STEPS.indexOf(state.step);
  return (
    <div ref={container} tabIndex={-1} onKeyDown={onKeyDown} data-testid="intake-wizard" style={{ outline: 'none' }}>
      <Steps current={stepIndex} size="small" items={STEPS.map((s) => ({ title: t(`intake.steps.${s}`) }))} />
      <div style={{ display: 'flex', justifyContent: 'space-between', margin: '8px 0' }}>
        <Typography.Text type="secondary" data-testid="shortcuts">
          {t('intake.shortcuts')}
        </Typography.Text>
        {savedAt && (
          <Typography.Text type="secondary" data-testid="draft-saved" data-saved-at={savedAt}>
            {t('intake.draftSaved', { time: new Date(savedAt).toLocaleTimeString(language, { hour12: false }) })}
          </Typography.Text>
        )}
      </div>
      {restored && (
        <Alert
          type="info"
          showIcon
          closable
          title={t('intake.draftRestored')}
          action={
            <Button size="small" onClick={startNew}>
              {t('intake.discardDraft')}
            </Button>
          }
          style={{ marginBottom: 12 }}
          data-testid="draft-restored"
        />
      )}
      {applicantScreen}
      <QueuePrivacyBar
        state={state}
        update={update}
        ticketRef={ticketInput}
        onTicketDone={() => {
          if (!focusStepStart(container.current, state.step)) container.current?.focus();
        }}
      />
      <StepProblems problems={problems} matter={matter} />
      {submission.error && (
        <Alert type="error" showIcon title={submission.error} style={{ marginBottom: 12 }} data-testid="submit-error" />
      )}
      <Card size="small">
        {state.step === 'matter' && (
          // A new intake is a new search, focused.
          <MatterStep key={state.draftId} matters={matters} selected={state.matterId} onChoose={chooseMatter} />
        )}
        {state.step === 'applicant' && matter && <ApplicantStep matter={matter} state={state} update={update} />}
        {state.step === 'materials' && matter && (
          <>
            <Button size="small" onClick={markAllRequired} style={{ marginBottom: 8 }} data-testid="mark-all-required">
              {t('intake.markAllRequired')}
            </Button>
            <MaterialsStep matter={matter} state={state} update={update} />
          </>
        )}
        {state.step === 'scans' && matter && (
          <ScansStep
            matter={matter}
            state={state}
            update={update}
            pickerRef={picker}
            onSettled={() => focusStepStart(container.current, 'scans')}
          />
        )}
        {state.step === 'review' && matter && (
          <ReviewStep matter={matter} state={state} update={update} materialName={names.materialId} />
        )}
      </Card>
      <Space style={{ marginTop: 12 }}>
        <Button onClick={back} disabled={stepIndex === 0}>
          {t('intake.back')}
        </Button>
        {state.step === 'review' ? (
          <Button
            type="primary"
            loading={submission.submitting}
            disabled={submission.submitting}
            onClick={submit}
            data-testid="submit-intake"
          >
            {t('intake.submit')}
          </Button>
        ) : (
          state.step !== 'matter' && (
            <Button type="primary" onClick={next} data-testid="next-step">
              {t('intake.next')}
            </Button>
          )
        )}
      </Space>
    </div>
  );
}
