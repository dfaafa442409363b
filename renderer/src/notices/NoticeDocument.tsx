// The handling place's notices and the result collection slip as printed: A4,
// in the applicant's language (the case's, like the receipt), every personal
// value masked as the backend gives it.
import type { ReactNode } from 'react';
import i18next, { type TFunction } from 'i18next';
import type { z } from 'zod';
import type { Authority, Matter } from '../../../shared/catalog/schema.ts';
import type {
  CaseAcceptedPayload,
  concludedPayload,
  CorrectionRequestedPayload,
  NotAcceptedPayload,
  resultArrivedPayload,
  ResultCollectedPayload,
  resultMailedPayload,
} from '../../../shared/case/events.ts';
import type { CaseDetail } from '../../../shared/rpc/contract.ts';
import { regionName } from '../../../shared/regions.ts';
import { clockWording, latest, limitWording, remedySentence, type Notice } from './notices.ts';
import { cell, FieldTable, formatDate, formatTime, head, type Copy } from './print.tsx';
import { WithdrawalNotice } from './WithdrawalNotice.tsx';

export interface NoticeData {
  kind: Notice;
  detail: CaseDetail;
  matter: Matter | undefined;
  /** The register's authority for the case (noticeAuthority); the dialog prints an issued notice only with one. */
  authority: Authority | null;
  /** The collector's signature as a data URL; null where it cannot be shown here. */
  signature: string | null;
}

/** What every notice says the same way, in the case's language. */
export class Facts {
  readonly detail: CaseDetail;
  readonly matter: Matter | undefined;
  readonly authority: Authority | null;
  readonly t: TFunction;
  private readonly tIdentity: TFunction;

  constructor(detail: CaseDetail, matter: Matter | undefined, authority: Authority | null) {
    this.detail = detail;
    this.matter = matter;
    this.authority = authority;
    this.t = i18next.getFixedT(detail.language, undefined, 'notices');
    this.tIdentity = i18next.getFixedT(detail.language, undefined, 'identity');
  }

  get language() {
    return this.detail.language;
  }

  /** An instant, as the official date and time. */
  time(iso: string): string {
    return formatTime(iso, this.language);
  }

  /** A calendar day or an instant, as the official date. */
  date(at: string): string {
    return formatDate(at, this.language);
  }

  matterName(): string {
    return this.matter?.names[this.language] ?? this.detail.row.matterId;
  }

  materialName(id: string): string {
    return this.matter?.materials.find((m) => m.id === id)?.names[this.language] ?? id;
  }

  person(p: { name: string; idKind: string; idNumber: string }): string {
    return this.t('values.person', { name: p.name, kind: this.tIdentity(`kinds.${p.idKind}`), id: p.idNumber });
  }

  handlingPlace(): string {
    const region = regionName(this.detail.row.handlingRegion, this.language);
    const agency = this.matter?.handlingPlaceRule[this.language];
    return agency ? this.t('values.handlingPlace', { region, agency }) : region;
  }

  intakePlace(): string {
    const { hall, window } = this.detail.intakePlace;
    return this.t('values.intakePlace', { region: regionName(this.detail.intakeRegion, this.language), hall, window });
  }

  /** The rows every notice opens with: which case, whose, where. */
  caseRows(): [string, ReactNode][] {
    const { t, detail } = this;
    return [
      [t('fields.caseNo'), detail.row.caseNo],
      [t('fields.matter'), this.matterName()],
      [t('fields.applicant'), this.person(detail.applicant)],
      [t('fields.handlingPlace'), this.handlingPlace()],
      [t('fields.intakePlace'), this.intakePlace()],
      [t('fields.receivedAt'), this.time(detail.row.receivedAt)],
    ];
  }

  /** Who decided, when the decision was made here (a partner's staff are not known by name). */
  officerRow(actor: string | null): [string, ReactNode][] {
    return actor ? [[this.t('fields.officer'), actor]] : [];
  }
}

export function NoticeDocument({ kind, detail, matter, authority, signature, copy }: NoticeData & { copy: Copy }) {
  const facts = new Facts(detail, matter, authority);
  const { t } = facts;
  const body = {
    acceptance_notice: () => <AcceptanceNotice facts={facts} />,
    refusal_notice: () => <RefusalNotice facts={facts} />,
    correction_notice: () => <CorrectionNotice facts={facts} />,
    collection_slip: () => <CollectionSlip facts={facts} signature={signature} />,
    withdrawal_notice: () => <WithdrawalNotice facts={facts} />,
  }[kind]();
  return (
    <div
      lang={detail.language}
      data-testid={copy === 'screen' ? `notice-${kind}` : `notice-${kind}-print-copy`}
      style={{ fontFamily: 'sans-serif', color: '#000', fontSize: 13 }}
    >
      <h1 style={{ fontSize: 24, margin: '0 0 4px', textAlign: 'center' }}>{t(`kinds.${kind}`)}</h1>
      <div style={{ textAlign: 'center' }}>{t('subtitle')}</div>
      {body}
    </div>
  );
}

/** One item a line: no separator to choose per language, and a long name wraps within its own line. */
function lines(items: string[], none: string): ReactNode {
  return items.length > 0 ? items.map((item, index) => <div key={index}>{item}</div>) : none;
}

/** The authority's full name and the seal it bears, where the seal goes, and the day of the decision. */
function Issuer({ facts, on }: { facts: Facts; on: string }) {
  const { authority, t, language } = facts;
  return (
    <div style={{ marginTop: 32, textAlign: 'right' }} data-testid="notice-issuer">
      <div>{authority ? t('issuer', { authority: authority.names[language] }) : t('values.none')}</div>
      {authority && <div>{t('seal', { seal: authority.sealName })}</div>}
      <div>{t('issuedOn', { date: facts.date(on) })}</div>
    </div>
  );
}

function AcceptanceNotice({ facts }: { facts: Facts }) {
  const { t, detail, matter } = facts;
  const accepted = latest<CaseAcceptedPayload>(detail, 'case.accepted')!;
  // The live clock runs from the day of acceptance; the row keeps the dates estimated at intake.
  const provisional = detail.clock?.provisional ?? detail.row.deadlineProvisional;
  // Worded in the unit the matter's law counts: no notice says working days of a calendar-day period.
  const context = limitWording(matter);
  const deadline = (date: string | null | undefined, days: number | undefined): string => {
    if (!date) return t('values.none');
    const text = days ? t('values.deadline', { date: facts.date(date), days, context }) : facts.date(date);
    return provisional ? `${text}${t('values.provisional')}` : text;
  };
  const statutory = detail.clock?.statutory?.date ?? detail.row.statutoryDeadline;
  const statutoryDays = matter?.limits.statutoryDays && matter.limits.statutoryDays + (detail.clock?.extendedBy ?? 0);
  const received = detail.materials
    .filter((m) => m.outcome === 'received')
    .map((m) => facts.materialName(String(m.materialId)));
  const rows: [string, ReactNode][] = [
    [t('fields.caseNo'), detail.row.caseNo],
    [t('fields.acceptanceNo'), accepted.payload.acceptanceNo],
    ...facts.caseRows().slice(1),
    [t('fields.acceptedOn'), facts.date(accepted.entry.occurredAt)],
    [
      t('fields.promisedBy'),
      deadline(detail.clock?.promised?.date ?? detail.row.promisedDeadline, matter?.limits.promisedDays),
    ],
    ...(statutory ? ([[t('fields.statutoryBy'), deadline(statutory, statutoryDays)]] as [string, ReactNode][]) : []),
    [t('fields.materialsReceived'), lines(received, t('values.none'))],
    ...facts.officerRow(accepted.entry.actor),
  ];
  return (
    <>
      <FieldTable rows={rows} />
      <p style={{ marginTop: 16 }}>{t('acceptance.decision')}</p>
      <p data-testid="notice-clock">{t('acceptance.clock', { context: clockWording(matter) })}</p>
      <p>{t('acceptance.contact', { intakePlace: facts.intakePlace() })}</p>
      <Issuer facts={facts} on={accepted.entry.occurredAt} />
    </>
  );
}

function RefusalNotice({ facts }: { facts: Facts }) {
  const { t, detail } = facts;
  const refused = latest<NotAcceptedPayload>(detail, 'case.not_accepted')!;
  const rows: [string, ReactNode][] = [
    ...facts.caseRows(),
    [t('fields.decidedOn'), facts.date(refused.entry.occurredAt)],
    ...facts.officerRow(refused.entry.actor),
  ];
  return (
    <>
      <FieldTable rows={rows} />
      <p style={{ marginTop: 16 }}>
        {t('refusal.decision', { date: facts.date(detail.row.receivedAt), matter: facts.matterName() })}
      </p>
      <ol data-testid="notice-reasons">
        {refused.payload.reasons.map((reason, index) => (
          <li key={index}>{reason}</li>
        ))}
      </ol>
      <p>{remedySentence(t, refused.payload.remedies)}</p>
      <Issuer facts={facts} on={refused.entry.occurredAt} />
    </>
  );
}

function CorrectionNotice({ facts }: { facts: Facts }) {
  const { t, detail } = facts;
  const asked = latest<CorrectionRequestedPayload>(detail, 'case.correction_requested')!;
  const { items, note, deadline } = asked.payload;
  const rows: [string, ReactNode][] = [
    ...facts.caseRows(),
    [t('fields.noticeDate'), facts.date(asked.entry.occurredAt)],
    [t('fields.deadline'), facts.date(deadline)],
    ...facts.officerRow(asked.entry.actor),
  ];
  const th = { ...head, width: undefined };
  return (
    <>
      <FieldTable rows={rows} />
      <p style={{ marginTop: 16 }}>{t('correction.intro')}</p>
      <table style={{ width: '100%', borderCollapse: 'collapse' }} data-testid="notice-correction-items">
        <thead>
          <tr>
            <th style={{ ...th, width: '8%' }}>{t('correction.number')}</th>
            <th style={th}>{t('correction.item')}</th>
            <th style={{ ...th, width: '16%' }}>{t('correction.problem')}</th>
            <th style={th}>{t('correction.note')}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((item, index) => (
            <tr key={index}>
              <td style={cell}>{index + 1}</td>
              {/* Something outside the checklist (a form field, say) is named by the officer's note alone. */}
              <td style={cell}>{item.materialId === null ? item.note : facts.materialName(item.materialId)}</td>
              <td style={cell}>{t(`correction.problems.${item.problem}`)}</td>
              <td style={cell}>{item.materialId === null ? '—' : item.note}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {note && <p>{t('correction.officerNote', { note })}</p>}
      <p style={{ fontWeight: 600 }}>{t('correction.allAtOnce')}</p>
      <p>{t('correction.supplyBy', { deadline: facts.date(deadline), intakePlace: facts.intakePlace() })}</p>
      <p>{t('correction.paused')}</p>
      <Issuer facts={facts} on={asked.entry.occurredAt} />
    </>
  );
}

type Concluded = z.infer<typeof concludedPayload>;
type Mailed = z.infer<typeof resultMailedPayload>;
type Arrived = z.infer<typeof resultArrivedPayload>;

function CollectionSlip({ facts, signature }: { facts: Facts; signature: string | null }) {
  const { t, detail } = facts;
  const collected = latest<ResultCollectedPayload>(detail, 'case.result_collected')!;
  const concluded = latest<Concluded>(
    detail,
    'case.concluded_approved',
    'case.concluded_approved_deferred',
    'case.concluded_refused',
  );
  const mailed = latest<Mailed>(detail, 'case.result_mailed');
  const arrived = latest<Arrived>(detail, 'case.result_arrived');
  const titles = concluded?.payload.resultDocuments.map((d) => d.title) ?? [];
  const delivery = [
    ...(mailed ? [t('collection.mailed', { ...mailed.payload, mailedOn: facts.date(mailed.payload.mailedOn) })] : []),
    ...(arrived ? [t('collection.arrived', { time: facts.time(arrived.entry.occurredAt) })] : []),
  ];
  const { collector, byApplicant } = collected.payload;
  const rows: [string, ReactNode][] = [
    ...facts.caseRows().slice(0, 4),
    [
      t('fields.conclusion'),
      concluded ? t(`collection.conclusions.${concluded.entry.type.replace('case.concluded_', '')}`) : t('values.none'),
    ],
    [t('fields.resultDocuments'), lines(titles, t('values.none'))],
    [t('fields.delivery'), lines(delivery, t('values.none'))],
    [
      t('fields.collectedBy'),
      `${facts.person(collector)} ${byApplicant ? t('collection.byApplicant') : t('collection.byProxy')}`,
    ],
    [t('fields.collectedAt'), facts.time(collected.entry.occurredAt)],
    ...(collected.entry.actor ? ([[t('fields.handedOutBy'), collected.entry.actor]] as [string, ReactNode][]) : []),
  ];
  return (
    <>
      <FieldTable rows={rows} />
      <p style={{ marginTop: 16 }}>{t('collection.statement')}</p>
      <div style={{ ...cell, marginTop: 8, minHeight: 110 }} data-testid="notice-signature">
        <div style={{ fontWeight: 600 }}>{t('fields.signature')}</div>
        {signature && <img src={signature} alt={t('fields.signature')} style={{ maxHeight: 90, maxWidth: '60%' }} />}
        <div>
          {t('collection.signedOn', {
            time: facts.time(collected.entry.occurredAt),
            source: t(`collection.sources.${collected.payload.signature.source}`),
          })}
        </div>
      </div>
    </>
  );
}
