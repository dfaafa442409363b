// Which notices a case has, read from its timeline, and the pieces of them
// that are more than a label: the events they quote, the authority that
// issues them and the remedies sentence.
import type { TFunction } from 'i18next';
import {
  matterCategory,
  type Authority,
  type Matter,
  type MatterCategory,
  type RemedyPeriod,
} from '../../../shared/catalog/schema.ts';
import { remedyPeriod, type EventType, type Remedy } from '../../../shared/case/events.ts';
import type { CaseDetail, PrintedDocument } from '../../../shared/rpc/contract.ts';

// The commitment letter is the window's and the applicant's, printed from the commitments (../commitments/).
export type Notice = Exclude<PrintedDocument, 'receipt' | 'commitment_letter'>;
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

/** The notices the handling authority signs and seals; the collection slip is the window's. */
export const ISSUED_NOTICES: readonly Notice[] = ['acceptance_notice', 'refusal_notice', 'correction_notice'];

/**
 * Who issues a case's notices: the register's authority of its handling region
 * for its matter's category. Null when the register has none, or the matter is
 * not in this device's catalogs (its category is unknown): such a notice does
 * not print.
 */
export function noticeAuthority(
  register: readonly Authority[],
  region: string,
  matter: Matter | undefined,
): { authority: Authority | null; category: MatterCategory | null } {
  if (!matter) return { authority: null, category: null };
  const category = matterCategory(matter);
  return { authority: register.find((a) => a.region === region && a.category === category) ?? null, category };
}

/** 60日 / 六个月 / six months: as the law states it, with `t` keyed at the notices. */
export function periodText(t: TFunction, period: RemedyPeriod): string {
  return period.unit === 'days' ? t('refusal.days', { count: period.value }) : t(`refusal.months.${period.value}`);
}

/** 如不服本决定，可…申请行政复议，或者…提起行政诉讼: one clause per remedy, in the order given. */
export function remedySentence(t: TFunction, remedies: readonly Remedy[]): string {
  const clauses = remedies.map((remedy) => {
    const period = remedyPeriod(remedy);
    const within = period ? t('refusal.within', { period: periodText(t, period) }) : '';
    return t(`refusal.${remedy.kind}`, { within, body: remedy.body });
  });
  return t('refusal.remedies', { clauses: clauses.join(t('refusal.or')) });
}

/** The context of the notice's clock sentence: its unit, and `_receipt` where the limits run from receipt. */
export function clockWording(matter: Pick<Matter, 'limits'> | undefined): string | undefined {
  const parts = [limitWording(matter), matter?.limits.startsFrom === 'receipt' ? 'receipt' : undefined];
  return parts.filter(Boolean).join('_') || undefined;
}

/**
 * The i18next context that words a notice's periods in the matter's unit:
 * none for working days, `calendar` for calendar days, `months` for months.
 */
export function limitWording(matter: Pick<Matter, 'limits'> | undefined): 'calendar' | 'months' | undefined {
  switch (matter?.limits.unit ?? 'working_days') {
    case 'calendar_days':
      return 'calendar';
    case 'months':
      return 'months';
    default:
      return undefined;
  }
}
