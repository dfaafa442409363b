// The case clock as the list, the detail and the ledger show it: the mark of
// a case nearly or already late, and the detail's summary of its deadlines.
import { useTranslation } from 'react-i18next';
import { Space, Tag, Typography } from 'antd';
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

export function ClockSummary({ clock }: { clock: NonNullable<CaseDetail['clock']> }) {
  const { t } = useTranslation();
  const nearest = [clock.promised, clock.statutory]
    .filter((d): d is NonNullable<typeof d> => d !== null)
    .sort((a, b) => a.date.localeCompare(b.date))[0];
  // i18next context: the calendar-day wording where the matter counts calendar days.
  const context = clock.unit === 'calendar_days' ? 'calendar' : undefined;
  return (
    <Space wrap data-testid="case-clock" data-state={clock.state} data-unit={clock.unit}>
      <Typography.Text strong>{t('actions.clock.title')}</Typography.Text>
      <Tag>{t(`actions.clock.${clock.state}`)}</Tag>
      {clock.acceptanceDecision && (
        <span data-testid="clock-acceptance-decision">
          {t('actions.clock.acceptanceDecision', { date: clock.acceptanceDecision.date })}
        </span>
      )}
      {nearest && clock.state !== 'stopped' && (
        <span data-testid="clock-deadline">
          {nearest.date} ·{' '}
          {nearest.remainingDays >= 0
            ? t('actions.clock.remaining', { days: nearest.remainingDays, context })
            : t('actions.clock.overdue', { days: -nearest.remainingDays, context })}
        </span>
      )}
      {nearest && clock.state === 'stopped' && (
        <span>{t(nearest.onTime ? 'actions.clock.onTime' : 'actions.clock.late')}</span>
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
