// 撤回申请确认书: what the applicant takes home after withdrawing. It is the
// recording place's confirmation, not a decision of the handling authority:
// no seal, the place and the staff member who recorded it, and a line for the
// applicant's (or agent's) signature on the paper copy kept with the case.
import type { ReactNode } from 'react';
import i18next from 'i18next';
import type { WithdrawnPayload } from '../../../shared/case/events.ts';
import type { Facts } from './NoticeDocument.tsx';
import { latest } from './notices.ts';
import { cell, FieldTable } from './print.tsx';

export function WithdrawalNotice({ facts }: { facts: Facts }) {
  const { detail } = facts;
  const t = i18next.getFixedT(detail.language, undefined, 'withdrawal.notice');
  const withdrawn = latest<WithdrawnPayload>(detail, 'case.withdrawn')!;
  const { reason, requestedBy, side } = withdrawn.payload;
  const asker = requestedBy === 'agent' && detail.agent ? facts.person(detail.agent) : facts.person(detail.applicant);
  const who = i18next.getFixedT(detail.language, undefined, 'withdrawal.form.requestedBys')(requestedBy);
  const place = side === 'handling' ? facts.handlingPlace() : facts.intakePlace();
  const on = facts.date(withdrawn.entry.occurredAt);
  const rows: [string, ReactNode][] = [
    ...facts.caseRows(),
    [t('fields.withdrawnOn'), on],
    [t('fields.requestedBy'), `${who} ${asker}`],
    [t('fields.reason'), reason],
    [t('fields.recordedAt'), place],
    ...(withdrawn.entry.actor ? ([[t('fields.recordedBy'), withdrawn.entry.actor]] as [string, ReactNode][]) : []),
  ];
  return (
    <>
      <FieldTable rows={rows} />
      <p style={{ marginTop: 16 }} data-testid="notice-withdrawal-statement">
        {t('statement', { date: on })}
      </p>
      <p>{t('materials', { place: facts.intakePlace() })}</p>
      <p>{t('again')}</p>
      <div style={{ ...cell, marginTop: 16, minHeight: 80 }}>{t('applicantSignature')}</div>
      <div style={{ marginTop: 16, textAlign: 'right' }}>{t('recordedOn', { date: on })}</div>
    </>
  );
}
