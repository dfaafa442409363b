// The ledger, the statistics and the audit log as tables for a file, in the
// device's language: the same rows and numbers the screens show, with the
// screen's words for statuses, events, matters and regions.
import { CASE_STATUSES, type CaseStatusCode } from '../../../shared/case/status.ts';
import { RESOURCES } from '../../../shared/i18n/index.ts';
import type { Language } from '../../../shared/languages.ts';
import { regionName } from '../../../shared/regions.ts';
import type { Ledger, Stats } from '../../../shared/supervision/schemas.ts';
import type { CatalogService } from './catalog.ts';
import { localDateTime as localTime } from '../../../shared/local-time.ts';
import { officialDateRange, officialDateTime } from '../../../shared/official-date.ts';
import type { Heading, Table } from './exports.ts';

/** What a file is of, where, and over which days: its title row. */
export interface FileSubject {
  document: 'ledger' | 'stats' | 'audit';
  hall: string;
  from: string;
  to: string;
}

export function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{\{(\w+)\}\}/g, (_, key: string) => String(values[key] ?? ''));
}

/** Minutes to one decimal, blank where unknown. */
const minutes = (value: number | null): number | '' => (value === null ? '' : Number(value.toFixed(1)));

export class ReportTables {
  private readonly catalog: CatalogService;

  constructor(catalog: CatalogService) {
    this.catalog = catalog;
  }

  private words(language: Language) {
    const r = RESOURCES[language];
    return {
      text: r.supervision.export,
      status: (code: number) => r.cases.statuses[CASE_STATUSES[code as CaseStatusCode]],
      event: (type: string) => (r.cases.events.case as Record<string, string>)[type.replace(/^case\./, '')] ?? type,
      matter: (id: string) => this.catalog.matter(id)?.matter.names[language] ?? id,
      queue: r.queuePrivacy,
      rectification: r.rectification.stats,
    };
  }

  /** The title row (hall, document, period in the official form, masked or who unmasked it) and the watermark. */
  heading(language: Language, subject: FileSubject, watermark: { user: string; at: string } | null): Heading {
    const { text } = this.words(language);
    const marked = watermark
      ? fill(text.watermark, { user: watermark.user, at: officialDateTime(watermark.at, language) })
      : null;
    const title = fill(text.heading, {
      hall: subject.hall,
      document: text.documents[subject.document],
      period: officialDateRange(subject.from, subject.to, language),
      masking: marked ?? text.masked,
    });
    return { title, watermark: marked };
  }

  ledger(ledger: Ledger, language: Language): [Table, Table] {
    const w = this.words(language);
    const c = w.text.columns;
    return [
      {
        title: fill(w.text.ledgerSheet, { day: ledger.day }),
        columns: [
          c.caseNo,
          c.receivedAt,
          c.matter,
          c.applicant,
          c.idNumber,
          c.status,
          c.clerk,
          c.partnerRegion,
          c.mark,
          c.deadline,
          c.activities,
          c.evaluation,
          w.queue.ledger.queueTicket,
          w.queue.ledger.waiting,
          w.queue.ledger.serving,
        ],
        rows: ledger.rows.map((row) => [
          row.caseNo,
          localTime(row.receivedAt),
          w.matter(row.matterId),
          row.applicantName,
          row.applicantId,
          w.status(row.status),
          row.clerk ?? w.text.stats.otherPlace,
          regionName(row.partnerRegion, language),
          w.text.marks[row.mark],
          row.deadline ? `${row.deadline}${row.deadlineProvisional ? w.text.provisional : ''}` : '',
          row.activities.map((a) => `${localTime(a.at).slice(11)} ${w.event(a.type)}`).join('；'),
          row.evaluation,
          row.queueTicket,
          minutes(row.waitingMinutes),
          minutes(row.servingMinutes),
        ]),
      },
      {
        title: fill(w.text.consultationsSheet, { day: ledger.day }),
        columns: [c.at, c.clerk, c.matter, c.note, c.minutes],
        rows: ledger.consultations.map((k) => [
          localTime(k.at),
          k.clerk,
          k.matterId ? w.matter(k.matterId) : '',
          k.note,
          k.minutes,
        ]),
      },
    ];
  }

  stats(stats: Stats, language: Language): [Table] {
    const w = this.words(language);
    const s = w.text.stats;
    const c = w.text.columns;
    const percent = (rate: number | null): string => (rate === null ? '' : `${(rate * 100).toFixed(1)}%`);
    const counts = (title: string, rows: Stats['byMatter'], label: (key: string, label: string | null) => string) =>
      rows.map((row) => [
        title,
        label(row.key, row.label),
        row.count,
        percent(stats.total ? row.count / stats.total : null),
      ]);
    return [
      {
        title: fill(w.text.statsSheet, { from: stats.from, to: stats.to }),
        columns: [c.key, '', c.count, c.rate],
        rows: [
          [s.total, '', stats.total, ''],
          [s.concluded, '', stats.concluded, ''],
          [s.withdrawn, '', stats.withdrawn, ''],
          [s.extended, '', stats.extended, ''],
          [s.onTheSpot, '', stats.onTheSpot.count, percent(stats.onTheSpot.rate)],
          [s.sameDay, '', stats.sameDay.count, percent(stats.sameDay.rate)],
          [s.onTime, '', stats.onTime.count, percent(stats.onTime.rate)],
          [s.onTimeProvisional, '', stats.onTimeProvisional, ''],
          [
            s.averageHandlingHours,
            '',
            stats.averageHandlingHours === null ? '' : Number(stats.averageHandlingHours.toFixed(1)),
            '',
          ],
          [s.badEvaluations, '', stats.evaluations.bad.count, percent(stats.evaluations.bad.rate)],
          [s.consultations, '', stats.consultations.count, ''],
          ...counts(s.byMatter, stats.byMatter, (key) => w.matter(key)),
          ...counts(s.byStatus, stats.byStatus, (key) => w.status(Number(key))),
          ...counts(s.byClerk, stats.byClerk, (_, label) => label ?? s.otherPlace),
          ...counts(s.byRegion, stats.byRegion, (key) => regionName(key, language)),
          ...stats.evaluations.ratings.map((n, i) => [s.evaluations, `${i + 1}`, n, '']),
          ...(['waiting', 'serving'] as const).flatMap((kind) => {
            const q = w.queue.stats;
            const times = stats.queue[kind];
            return [
              [q[kind], q.count, times.count, ''],
              [q[kind], q.average, minutes(times.averageMinutes), ''],
              [q[kind], q.p90, minutes(times.p90Minutes), ''],
            ];
          }),
          ...(['opened', 'open', 'closed', 'overdue'] as const).map((key) => [
            w.rectification.title,
            w.rectification[key],
            stats.rectifications[key],
            '',
          ]),
        ],
      },
    ];
  }

  audit(
    rows: readonly {
      seq: number;
      at: string;
      user: string | null;
      action: string;
      target: string | null;
      detail: unknown;
    }[],
    language: Language,
  ): [Table] {
    const w = this.words(language);
    const c = w.text.columns;
    return [
      {
        title: w.text.auditSheet,
        columns: [c.seq, c.at, c.user, c.action, c.target, c.detail],
        rows: rows.map((r) => [r.seq, localTime(r.at, true), r.user, r.action, r.target, JSON.stringify(r.detail)]),
      },
    ];
  }
}
