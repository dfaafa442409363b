// The case clock as the list, the detail and the ledger show it: the mark of
// a case nearly or already late, and the detail's summary of its deadlines.
import { useTranslation } from 'react-i18next';
import { Space, Tag, Typography } from 'antd';
import { clockOutcome, type ClockOutcome } from '../../../shared/case/outcome.ts';
import { localDay } from '../../../shared/local-time.ts';
import type { CaseDetail } from '../../../shared/rpc/contract.ts';

export function MarkTag({ mark }: { mark: 'none' | 'yellow' | 'red' }) {
  const { t } = useTranslation();
  if (mark === 'none') return null;
  return (
    <Tag color={mark === 'red' ? 'red' : 'gold'} data-testid="case-mark" data-mark={mark}>
      {t(`actions.marks.${mark}`)}
    </Tag>
  );
}

/** How the case's clock ended, from its status, the day of its first conclusion and its stored deadlines. */
export function detailOutcome({ row, timeline }: Pick<CaseDetail, 'row' | 'timeline'>): ClockOutcome {
  const concluded = timeline.find((entry) => entry.type.startsWith('case.concluded_'));
  return clockOutcome({
    status: row.status,
    concludedDay: concluded ? localDay(new Date(concluded.occurredAt)) : null,
    promised: row.promisedDeadline,
    statutory: row.statutoryDeadline,
  });
}

export function ClockSummary({ clock, outcome }: { clock: NonNullable<CaseDetail['clock']>; outcome: ClockOutcome }) {
  const { t } = useTranslation();
  const nearest = [clock.promised, clock.statutory]
    .filter((d): d is NonNullable<typeof d> => d !== null)
    .sort((a, b) => a.date.localeCompare(b.date))[0];
  // i18next context: the calendar-day wording where the matter counts calendar days.
  const context = clock.unit === 'calendar_days' ? 'calendar' : undefined;
  const ended = clock.state === 'stopped' && outcome !== 'open';
  return (
    <Space wrap data-testid="case-clock" data-state={clock.state} data-unit={clock.unit} data-outcome={outcome}>
      <Typography.Text strong>{t('actions.clock.title')}</Typography.Text>
      {/* A stopped clock says how it ended: concluded on time or late, or not accepted, withdrawn …. */}
      <Tag data-testid="clock-outcome">
        {ended ? t(`cases.clockOutcomes.${outcome}`) : t(`actions.clock.${clock.state}`)}
      </Tag>
      {clock.acceptanceDecision && (
        <span data-testid="clock-acceptance-decision">
          {t('actions.clock.acceptanceDecision', { date: clock.acceptanceDecision.date })}
        </span>
      )}
      {nearest && !ended && (
        <span data-testid="clock-deadline">
          {nearest.date} ·{' '}
          {nearest.remainingDays >= 0
            ? t('actions.clock.remaining', { days: nearest.remainingDays, context })
            : t('actions.clock.overdue', { days: -nearest.remainingDays, context })}
        </span>
      )}
      {clock.pausedDays > 0 && <span>{t('actions.clock.paused_days', { days: clock.pausedDays, context })}</span>}
      {clock.extendedBy > 0 && (
        <span>{t('actions.clock.extended', { days: clock.extendedBy, context: context ?? 'working' })}</span>
      )}
      {context && <Typography.Text type="secondary">{t('actions.clock.calendar_days')}</Typography.Text>}
      <MarkTag mark={clock.mark} />
    </Space>
  );
}
