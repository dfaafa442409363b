// Which notices a case has, read from its timeline, and the pieces of them
// that are more than a label: the events they quote and the remedies sentence.
import type { TFunction } from 'i18next';
import type { EventType, NotAcceptedPayload } from '../../../shared/case/events.ts';
import type { CaseDetail, PrintedDocument } from '../../../shared/rpc/contract.ts';

export type Notice = Exclude<PrintedDocument, 'receipt'>;
type TimelineEntry = CaseDetail['timeline'][number];

/** The event each notice is made from: it exists once that event is on the case. */
const NOTICE_EVENTS = {
  acceptance_notice: 'case.accepted',
  refusal_notice: 'case.not_accepted',
  correction_notice: 'case.correction_requested',
  collection_slip: 'case.result_collected',
} as const satisfies Record<Notice, EventType>;

export function availableNotices(detail: Pick<CaseDetail, 'timeline'>): Notice[] {
  return (Object.keys(NOTICE_EVENTS) as Notice[]).filter((kind) =>
    detail.timeline.some((entry) => entry.type === NOTICE_EVENTS[kind]),
  );
}

/**
 * The last event of one of these types, its details read as its payload: the
 * backend checked the payload against its schema when it was recorded or pulled,
 * and masked the personal values in it.
 */
export function latest<T>(
  detail: Pick<CaseDetail, 'timeline'>,
  ...types: EventType[]
): { entry: TimelineEntry; payload: T } | null {
  const entry = detail.timeline.findLast((e) => (types as string[]).includes(e.type));
  return entry ? { entry, payload: entry.details as T } : null;
}

/** 如不服本决定，可…申请行政复议，或者…提起行政诉讼: one clause per remedy, in the order given. */
export function remedySentence(t: TFunction, remedies: NotAcceptedPayload['remedies']): string {
  const clauses = remedies.map((remedy) => t(`refusal.${remedy.kind}`, { days: remedy.withinDays, body: remedy.body }));
  return t('refusal.remedies', { clauses: clauses.join(t('refusal.or')) });
}
