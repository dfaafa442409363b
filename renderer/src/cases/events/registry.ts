// Every case event type once: its name, what its entry shows on the case's
// timeline, and — for the types staff record — its form. The tables are
// checked against the shared payload schemas' types: a type without its view
// or its form does not compile (registry.type-test.ts proves it).
import type { EventType } from '../../../../shared/case/events.ts';
import { limitWording } from '../../notices/notices.ts';
import { acceptedForm, notAcceptedForm, signedForForm } from './forms/acceptance.tsx';
import { concludedApprovedDeferredForm, concludedApprovedForm, concludedRefusedForm } from './forms/conclusion.tsx';
import { correctionRequestedForm, correctionSuppliedForm } from './forms/correction.tsx';
import { deferredMaterialReceivedForm } from './forms/deferred.tsx';
import { resultArrivedForm, resultCollectedForm, resultDeliveredElectronicallyForm } from './forms/delivery.tsx';
import { evaluatedForm } from './forms/evaluation.tsx';
import { originalsDispatchedForm, resultMailedForm } from './forms/mailing.tsx';
import { noteAddedForm } from './forms/note.tsx';
import { deadlineExtendedForm, specialProcedureEndedForm, specialProcedureStartedForm } from './forms/procedure.tsx';
import type {
  EventForm,
  EventForms,
  EventView,
  EventViews,
  Recorded,
  RecordableEventType,
  TimelineContext,
} from './types.ts';

const nothing = (): readonly string[] => [];
const noteLine = ({ note }: { note?: string }): string[] => (typeof note === 'string' ? [note] : []);
const mailedLine = (d: Recorded<'case.originals_dispatched' | 'case.result_mailed'>): string[] => [
  `${d.carrier} ${d.waybillNo} · ${d.mailedOn}`,
];
const documentTitles = (d: Recorded<'case.concluded_approved'>): string[] =>
  (d.resultDocuments ?? []).map((doc) => doc.title);
const conclusion = (d: Recorded<'case.concluded_approved'>): string[] => [...documentTitles(d), ...noteLine(d)];

function extensionLines(d: Recorded<'case.deadline_extended'>, { t, matter }: TimelineContext): string[] {
  const context = limitWording(matter) ?? 'working';
  const lines = [
    t('actions.clock.extended', { days: d.count, context }),
    `${t('actions.legalBasis')}: ${d.legalBasis}`,
  ];
  return d.reason ? [...lines, d.reason] : lines;
}

function evaluationLines(d: Recorded<'case.evaluated'>, { t }: TimelineContext): string[] {
  const rated = `${t(`actions.ratings.${d.rating}`)}${d.comment ? ` · ${d.comment}` : ''}`;
  return (d.rating ?? 5) <= 2 ? [rated, t('actions.badRating')] : [rated];
}

export const EVENT_VIEWS = {
  'case.received': { label: 'cases.events.case.received', timeline: nothing },
  'case.materials_checked': { label: 'cases.events.case.materials_checked', timeline: nothing },
  'case.originals_dispatched': { label: 'cases.events.case.originals_dispatched', timeline: mailedLine },
  'case.signed_for': {
    label: 'cases.events.case.signed_for',
    timeline: (d, { t }) => [t(`actions.parts.${d.part}`), ...noteLine(d)],
  },
  'case.accepted': {
    label: 'cases.events.case.accepted',
    timeline: (d, { t }) => [`${t('actions.acceptanceNo')}: ${d.acceptanceNo}`],
  },
  'case.not_accepted': { label: 'cases.events.case.not_accepted', timeline: (d) => d.reasons ?? [] },
  'case.correction_requested': {
    label: 'cases.events.case.correction_requested',
    timeline: (d, { t, material }) => [
      ...(d.items ?? []).map(
        (item) => `${material(item.materialId)}（${t(`actions.problems.${item.problem}`)}）${item.note}`,
      ),
      `${t('actions.deadline')}: ${d.deadline}`,
      ...noteLine(d),
    ],
  },
  'case.correction_supplied': {
    label: 'cases.events.case.correction_supplied',
    timeline: (d, { material }) => [...(d.materials ?? []).map((m) => material(m.materialId)), ...noteLine(d)],
  },
  'case.special_procedure_started': {
    label: 'cases.events.case.special_procedure_started',
    timeline: (d, { t }) => [`${t(`actions.kinds.${d.kind}`)}: ${d.reason}`],
  },
  'case.special_procedure_ended': { label: 'cases.events.case.special_procedure_ended', timeline: noteLine },
  'case.deadline_extended': { label: 'cases.events.case.deadline_extended', timeline: extensionLines },
  'case.concluded_approved': { label: 'cases.events.case.concluded_approved', timeline: conclusion },
  'case.concluded_approved_deferred': {
    label: 'cases.events.case.concluded_approved_deferred',
    timeline: conclusion,
  },
  'case.concluded_refused': {
    label: 'cases.events.case.concluded_refused',
    timeline: (d) => [...(d.reasons ?? []), ...conclusion(d)],
  },
  'case.result_mailed': { label: 'cases.events.case.result_mailed', timeline: mailedLine },
  'case.result_delivered_electronically': {
    label: 'cases.events.case.result_delivered_electronically',
    timeline: nothing,
  },
  'case.result_arrived': { label: 'cases.events.case.result_arrived', timeline: nothing },
  'case.result_collected': {
    label: 'cases.events.case.result_collected',
    // Masked as the timeline carries it: the full name and ID number never reach this screen.
    timeline: (d, { t }) => [`${t('actions.collector')}: ${d.collector?.name} ${d.collector?.idNumber}`],
  },
  'case.note_added': { label: 'cases.events.case.note_added', timeline: nothing },
  'case.evaluated': { label: 'cases.events.case.evaluated', timeline: evaluationLines },
  'case.deferred_material_received': {
    label: 'cases.events.case.deferred_material_received',
    timeline: (d, { material }) => [material(d.materialId ?? null), ...noteLine(d)],
  },
} satisfies EventViews;

export const EVENT_FORMS = {
  'case.originals_dispatched': originalsDispatchedForm,
  'case.signed_for': signedForForm,
  'case.accepted': acceptedForm,
  'case.not_accepted': notAcceptedForm,
  'case.correction_requested': correctionRequestedForm,
  'case.correction_supplied': correctionSuppliedForm,
  'case.special_procedure_started': specialProcedureStartedForm,
  'case.special_procedure_ended': specialProcedureEndedForm,
  'case.deadline_extended': deadlineExtendedForm,
  'case.concluded_approved': concludedApprovedForm,
  'case.concluded_approved_deferred': concludedApprovedDeferredForm,
  'case.concluded_refused': concludedRefusedForm,
  'case.result_mailed': resultMailedForm,
  'case.result_delivered_electronically': resultDeliveredElectronicallyForm,
  'case.result_arrived': resultArrivedForm,
  'case.result_collected': resultCollectedForm,
  'case.note_added': noteAddedForm,
  'case.evaluated': evaluatedForm,
  'case.deferred_material_received': deferredMaterialReceivedForm,
} satisfies EventForms;

/** The view of a timeline entry's type; none for a type this version does not know. */
export function viewOf(type: string): EventView<EventType> | undefined {
  return Object.hasOwn(EVENT_VIEWS, type) ? EVENT_VIEWS[type as EventType] : undefined;
}

/** Whether a next action the backend offers has a form here. */
export const isRecordable = (type: string): type is RecordableEventType => Object.hasOwn(EVENT_FORMS, type);

export const formOf = (type: RecordableEventType): EventForm<RecordableEventType> => EVENT_FORMS[type];
