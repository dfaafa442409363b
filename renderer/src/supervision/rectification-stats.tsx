// The statistics' card of 差评整改: the items opened by bad ratings given in
// the period, how many are still open, closed, and overdue now.
import { useTranslation } from 'react-i18next';
import { Card, Descriptions } from 'antd';
import type { Stats } from '../../../shared/supervision/schemas.ts';

const COUNTS = ['opened', 'open', 'closed', 'overdue'] as const;

export function RectificationStatsCard({ stats }: { stats: Stats['rectifications'] }) {
  const { t } = useTranslation();
  return (
    <Card size="small" title={t('rectification.stats.title')} data-testid="stats-rectification">
      <Descriptions
        size="small"
        column={{ xs: 2, md: 4 }}
        items={COUNTS.map((key) => ({
          key,
          label: t(`rectification.stats.${key}`),
          children: (
            <span data-testid={`stats-rectification-${key}`} data-count={stats[key]}>
              {stats[key]}
            </span>
          ),
        }))}
      />
    </Card>
  );
}
