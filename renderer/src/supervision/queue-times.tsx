// 排队号 and the waiting and serving times: a line under a ledger row's case
// number (screen and paper), and the statistics' card of their averages and
// 90th percentiles over the cases whose two ends are known.
import { useTranslation } from 'react-i18next';
import { Card, Descriptions, Typography } from 'antd';
import type { QueueStats, QueueTimes } from '../../../shared/supervision/queue-times.ts';

const rounded = (minutes: number): string => minutes.toFixed(minutes < 10 ? 1 : 0);

/** Nothing for a case without a ticket or known times. */
export function QueueTimesLine({ row, secondary = true }: { row: QueueTimes; secondary?: boolean }) {
  const { t } = useTranslation();
  const parts = [
    row.queueTicket && `${t('queuePrivacy.ledger.queueTicket')} ${row.queueTicket}`,
    row.waitingMinutes !== null && t('queuePrivacy.ledger.waitingShort', { minutes: rounded(row.waitingMinutes) }),
    row.servingMinutes !== null && t('queuePrivacy.ledger.servingShort', { minutes: rounded(row.servingMinutes) }),
  ].filter((part): part is string => Boolean(part));
  if (parts.length === 0) return null;
  const text = parts.join(' · ');
  return secondary ? (
    <Typography.Text type="secondary" style={{ display: 'block' }} data-testid="ledger-queue">
      {text}
    </Typography.Text>
  ) : (
    <div data-testid="ledger-queue">{text}</div>
  );
}

export function QueueStatsCard({ stats }: { stats: QueueStats }) {
  const { t } = useTranslation();
  const value = (minutes: number | null): string => (minutes === null ? '—' : rounded(minutes));
  return (
    <Card size="small" title={t('queuePrivacy.stats.title')} data-testid="stats-queue">
      {(['waiting', 'serving'] as const).map((kind) => (
        <Descriptions
          key={kind}
          size="small"
          title={<span style={{ fontSize: 13 }}>{t(`queuePrivacy.stats.${kind}`)}</span>}
          column={{ xs: 1, md: 3 }}
          data-testid={`stats-queue-${kind}`}
          items={
            stats[kind].count === 0
              ? [{ key: 'none', label: t('queuePrivacy.stats.count'), children: t('queuePrivacy.stats.none') }]
              : [
                  { key: 'count', label: t('queuePrivacy.stats.count'), children: stats[kind].count },
                  {
                    key: 'average',
                    label: t('queuePrivacy.stats.average'),
                    children: value(stats[kind].averageMinutes),
                  },
                  { key: 'p90', label: t('queuePrivacy.stats.p90'), children: value(stats[kind].p90Minutes) },
                ]
          }
        />
      ))}
    </Card>
  );
}
