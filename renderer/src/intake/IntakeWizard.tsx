// The intake wizard, keyboard-first: Enter moves on, Alt+← goes back,
// Ctrl+Enter submits, Alt+A/R/F/N are shortcuts shown on screen. Each step is
// checked with the backend's own rules before it may be left, and the whole
// state is saved as a draft on every change.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, Button, Card, Descriptions, List, Result, Select, Space, Steps, Typography } from 'antd';
import type { Catalog, Matter } from '../../../shared/catalog/schema.ts';
import { handlingRegionOf, type SubmissionProblem } from '../../../shared/case/intake.ts';
import { maskIdentity, maskName } from '../../../shared/identity/mask.ts';
import { LANGUAGES, type Language } from '../../../shared/languages.ts';
import { regionName } from '../../../shared/regions.ts';
import { describeError, rpc } from '../rpc.ts';
import { ApplicantStep } from './ApplicantStep.tsx';
import { MaterialsStep } from './MaterialsStep.tsx';
import { MatterStep } from './MatterStep.tsx';
import { NoRouteWarning } from './RegionPicker.tsx';
import { ScansStep } from './ScansStep.tsx';
import {
  materialsFor,
  newWizard,
  problemsOf,
  STEP_FIELDS,
  STEPS,
  toSubmission,
  type Step,
  type WizardState,
} from './wizard-state.ts';

const SAVE_AFTER_MS = 500;

function isWizardState(value: unknown): value is WizardState {
  const v = value as Partial<WizardState> | null;
  return Boolean(v && typeof v.draftId === 'string' && STEPS.includes(v.step as Step) && v.applicant && v.materials);
}

export function IntakeWizard({ onSubmitted }: { onSubmitted(caseId: string): void }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  const [matters, setMatters] = useState<Matter[]>([]);
  const [state, setState] = useState<WizardState | null>(null);
  const [restored, setRestored] = useState(false);
  const [problems, setProblems] = useState<SubmissionProblem[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const [done, setDone] = useState<{ caseId: string; caseNo: string } | null>(null);
  const [savedAt, setSavedAt] = useState<string | null>(null);
  const picker = useRef<HTMLInputElement>(null);
  // A second Ctrl+Enter can arrive before React re-renders; the ref sees it at once.
  const inFlight = useRef(false);
  const container = useRef<HTMLDivElement>(null);

  useEffect(() => {
    void Promise.all([rpc('catalog.list', {}), rpc('drafts.list', {})]).then(
      ([catalogs, drafts]: [Catalog[], { state: unknown }[]]) => {
        setMatters(catalogs.flatMap((c) => c.matters));
        const draft = drafts.map((d) => d.state).find(isWizardState);
        setState(draft ?? newWizard(language));
        setRestored(Boolean(draft));
      },
    );
    // Only on arrival: the language of a new intake follows the UI at that moment.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  // Every change is saved, a moment after typing stops.
  useEffect(() => {
    if (!state || done) return;
    const timer = setTimeout(() => {
      const draft = { draftId: state.draftId, state: state as unknown as Record<string, unknown> };
      void rpc('drafts.save', draft).then(
        (saved) => setSavedAt(saved.updatedAt),
        () => setSavedAt(null),
      );
    }, SAVE_AFTER_MS);
    return () => clearTimeout(timer);
  }, [state, done]);

  const matter = useMemo(() => matters.find((m) => m.id === state?.matterId), [matters, state?.matterId]);
  const update = useCallback((change: (draft: WizardState) => WizardState) => setState((s) => (s ? change(s) : s)), []);

  const materialName = (id: string): string | undefined => matter?.materials.find((m) => m.id === id)?.names[language];
  const fieldName = (id: string): string | undefined => matter?.formFields.find((f) => f.id === id)?.label[language];
  const problemText = (p: SubmissionProblem): string => {
    if (
      (p.reason === 'applicant_id_invalid' || p.reason === 'agent_id_invalid' || p.reason === 'phone_invalid') &&
      p.params?.code
    ) {
      return `${t(`reasons.${p.reason}`)} ${t(`identity.errors.${p.params.code}`)}`;
    }
    return t(`reasons.${p.reason}`, {
      material: p.params?.materialId ? materialName(p.params.materialId) : '',
      field: p.params?.fieldId ? fieldName(p.params.fieldId) : '',
      place: p.params?.source ? t(`intake.routing.source.${p.params.source}`) : '',
      code: p.params?.code ?? '',
    });
  };

  const goTo = (step: Step): void => {
    setProblems([]);
    setError(null);
    update((s) => ({ ...s, step }));
    container.current?.focus();
  };

  const stepProblems = (s: WizardState, step: Step): SubmissionProblem[] => {
    const found = problemsOf(matter, s).filter((p) => STEP_FIELDS[step](p.field));
    if (step === 'applicant' && s.applicant.name.trim() === '')
      found.unshift({ reason: 'form_field_missing', field: 'applicant.name', params: {} });
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
    update((s) => ({
      ...s,
      matterId: chosen.id,
      materials: s.matterId === chosen.id ? s.materials : materialsFor(chosen),
      formData: s.matterId === chosen.id ? s.formData : {},
      handlingRegion: s.matterId === chosen.id ? s.handlingRegion : null,
      hasAgent: chosen.agentAllowed && s.hasAgent,
      step: 'applicant',
    }));
    setProblems([]);
  };

  const submit = async (): Promise<void> => {
    if (!state || !matter || inFlight.current) return;
    const found = problemsOf(matter, state);
    if (found.length > 0) {
      setProblems(found);
      return;
    }
    inFlight.current = true;
    setSubmitting(true);
    setError(null);
    try {
      const result = await rpc('intake.submit', toSubmission(state));
      setDone(result);
      onSubmitted(result.caseId);
    } catch (e) {
      setError(describeError(e, t, { materialId: materialName, fieldId: fieldName }));
    } finally {
      inFlight.current = false;
      setSubmitting(false);
    }
  };

  const startNew = (): void => {
    if (state && !done) void rpc('drafts.discard', { draftId: state.draftId }).catch(() => undefined);
    setState(newWizard(language));
    setDone(null);
    setRestored(false);
    setProblems([]);
    setError(null);
  };

  const markAllRequired = (): void => {
    if (!matter) return;
    update((s) => ({
      ...s,
      materials: Object.fromEntries(
        Object.entries(s.materials).map(([id, m]) => {
          const required = matter.materials.find((x) => x.id === id)?.requirement === 'required';
          return [id, required && m.outcome === 'not_provided' ? { ...m, outcome: 'received' as const } : m];
        }),
      ),
    }));
  };

  const onKeyDown = (e: React.KeyboardEvent): void => {
    const target = e.target as HTMLElement;
    if (e.altKey && e.code === 'KeyN') startNew();
    else if (done) return;
    else if (e.altKey && e.key === 'ArrowLeft') back();
    else if (e.altKey && e.code === 'KeyA' && matter?.agentAllowed) update((s) => ({ ...s, hasAgent: !s.hasAgent }));
    else if (e.altKey && e.code === 'KeyR' && state?.step === 'materials') markAllRequired();
    else if (e.altKey && e.code === 'KeyF' && state?.step === 'scans') picker.current?.click();
    else if (e.ctrlKey && e.key === 'Enter' && state?.step === 'review') void submit();
    else if (
      e.key === 'Enter' &&
      !e.ctrlKey &&
      !e.altKey &&
      !e.shiftKey &&
      state?.step !== 'matter' &&
      target.tagName !== 'TEXTAREA' &&
      target.tagName !== 'BUTTON' &&
      !target.closest('.ant-select')
    ) {
      if (state?.step === 'review') void submit();
      else next();
    } else return;
    e.preventDefault();
  };

  if (!state) return null;

  if (done) {
    return (
      <div onKeyDown={onKeyDown} tabIndex={-1}>
        <Result
          status="success"
          title={t('intake.submitted')}
          subTitle={
            <span>
              {t('intake.caseNo')}:{' '}
              <Typography.Text strong copyable data-testid="submitted-case-no">
                {done.caseNo}
              </Typography.Text>
            </span>
          }
          extra={[
            <Button
              key="receipt"
              type="primary"
              autoFocus
              onClick={() => onSubmitted(done.caseId)}
              data-testid="open-receipt"
            >
              {t('intake.printReceipt')}
            </Button>,
            <Button key="new" onClick={startNew} data-testid="new-intake">
              {t('intake.newIntake')}
            </Button>,
          ]}
        />
      </div>
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
      {problems.length > 0 && (
        <Alert
          type="error"
          showIcon
          title={t('intake.problems')}
          description={
            <ul style={{ margin: 0 }}>
              {problems.map((p) => (
                <li key={`${p.reason}:${p.field}`}>{problemText(p)}</li>
              ))}
            </ul>
          }
          style={{ marginBottom: 12 }}
          data-testid="step-problems"
        />
      )}
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="submit-error" />}
      <Card size="small">
        {state.step === 'matter' && <MatterStep matters={matters} selected={state.matterId} onChoose={chooseMatter} />}
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
            onSettled={() => container.current?.focus()}
          />
        )}
        {state.step === 'review' && matter && (
          <Review matter={matter} state={state} update={update} materialName={materialName} />
        )}
      </Card>
      <Space style={{ marginTop: 12 }}>
        <Button onClick={back} disabled={stepIndex === 0}>
          {t('intake.back')}
        </Button>
        {state.step === 'review' ? (
          <Button
            type="primary"
            loading={submitting}
            disabled={submitting}
            onClick={() => void submit()}
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

function Review({
  matter,
  state,
  update,
  materialName,
}: {
  matter: Matter;
  state: WizardState;
  update(change: (draft: WizardState) => WizardState): void;
  materialName(id: string): string | undefined;
}) {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  const handlingRegion = handlingRegionOf(matter, toSubmission(state));
  const person = (p: WizardState['applicant']): string =>
    `${maskName(p.name.trim())} · ${t(`identity.kinds.${p.idKind}`)} ${maskIdentity(p.idKind, p.idNumber.trim().toUpperCase())}`;
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Descriptions column={1} size="small" bordered data-testid="review">
        <Descriptions.Item label={t('intake.steps.matter')}>{matter.names[language]}</Descriptions.Item>
        <Descriptions.Item label={t('intake.routing.title')}>
          <span data-testid="review-handling-region">{regionName(handlingRegion, language)}</span>
          <NoRouteWarning regionCode={handlingRegion} />
        </Descriptions.Item>
        <Descriptions.Item label={t('intake.applicantSection')}>{person(state.applicant)}</Descriptions.Item>
        <Descriptions.Item label={t('intake.agentSection')}>
          {state.hasAgent ? person(state.agent) : t('intake.none')}
        </Descriptions.Item>
        <Descriptions.Item label={t('intake.priority')}>
          {state.priority ? t('intake.yes') : t('intake.none')}
        </Descriptions.Item>
        <Descriptions.Item label={t('intake.reviewMaterials')}>
          <List
            size="small"
            dataSource={Object.entries(state.materials).filter(([, m]) => m.outcome !== 'not_provided')}
            renderItem={([id, m]) => (
              <List.Item>
                {materialName(id)} — {t(`intake.outcome.${m.outcome}`)}
                {m.outcome === 'received' && `（${m.forms.map((f) => t(`intake.forms.${f}`)).join('、')}）`}
              </List.Item>
            )}
          />
        </Descriptions.Item>
        <Descriptions.Item label={t('intake.steps.scans')}>
          {t('intake.reviewScans', { count: state.scans.length })}
        </Descriptions.Item>
      </Descriptions>
      <Space>
        {t('intake.receiptLanguage')}
        <Select<Language>
          value={state.language}
          onChange={(l) => update((s) => ({ ...s, language: l }))}
          options={LANGUAGES.map((l) => ({ value: l, label: t(`language.${l}`) }))}
          style={{ width: 140 }}
          data-testid="receipt-language"
        />
      </Space>
    </Space>
  );
}
