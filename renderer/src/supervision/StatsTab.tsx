// Statistics over a date range: counts by matter, status, clerk and partner
// region, the rates, handling time, ratings and consultations. Each chart is
// drawn from the very array its table shows, and carries it as data-values.
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, Card, Col, DatePicker, Descriptions, Empty, Flex, Row, Space, Spin, Table } from 'antd';
import type { TableColumnsType } from 'antd';
import type { Dayjs } from 'dayjs';
import type { Matter } from '../../../shared/catalog/schema.ts';
import { CASE_STATUSES, type CaseStatusCode } from '../../../shared/case/status.ts';
import { regionName } from '../../../shared/regions.ts';
import type { Stats } from '../../../shared/supervision/schemas.ts';
import { useLanguage } from '../cases/format.ts';
import { describeError, rpc } from '../rpc.ts';
import { EChart, type ChartDatum } from './LazyEChart.tsx';
import { fromDay, monthOf, toDay, today } from './files.ts';
import { ExportButtons, rowData } from './parts.tsx';
import { QueueStatsCard } from './queue-times.tsx';
import { RectificationStatsCard } from './rectification-stats.tsx';

type Rate = Stats['onTime'];
type Range = { from: string; to: string };

function thisMonth(): Range {
  const [from, to] = monthOf(fromDay(today()));
  return { from: toDay(from), to: toDay(to) };
}

const percent = (rate: number | null): string => (rate === null ? '—' : `${(rate * 100).toFixed(1)}%`);

/** One grouping as a table: rows `stats-row-${testId}` with data-key and data-count. */
function CountTable({ title, testId, data }: { title: string; testId: string; data: readonly ChartDatum[] }) {
  const { t } = useTranslation();
  const columns: TableColumnsType<ChartDatum> = [
    { title: t('supervision.export.columns.key'), dataIndex: 'label' },
    { title: t('supervision.export.columns.count'), dataIndex: 'value', width: 90, align: 'right' },
  ];
  return (
    <Card size="small" title={title} data-testid={`stats-${testId}`}>
      <Table<ChartDatum>
        size="small"
        rowKey="key"
        columns={columns}
        dataSource={[...data]}
        pagination={false}
        locale={{ emptyText: '—' }}
        onRow={(d) => rowData({ 'data-testid': `stats-row-${testId}`, 'data-key': d.key, 'data-count': d.value })}
      />
    </Card>
  );
}

export function StatsTab({ matters }: { matters: ReadonlyMap<string, Matter> }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const [range, setRange] = useState<Range>(thisMonth);
  const [stats, setStats] = useState<Stats | null>(null);
  const [error, setError] = useState<string | null>(null);
  const loading = stats?.from !== range.from || stats.to !== range.to;

  useEffect(() => {
    let live = true;
    rpc('supervision.stats', range).then(
      (next) => {
        if (!live) return;
        setStats(next);
        setError(null);
      },
      (e: unknown) => live && setError(describeError(e, t)),
    );
    return () => {
      live = false;
    };
  }, [range, t]);

  // The arrays both the tables and the charts are built from.
  const groups = useMemo(() => {
    if (!stats) return null;
    const otherPlace = t('supervision.export.stats.otherPlace');
    return {
      byMatter: stats.byMatter.map((r) => ({
        key: r.key,
        label: matters.get(r.key)?.names[language] ?? r.key,
        value: r.count,
      })),
      byStatus: stats.byStatus.map((r) => ({
        key: r.key,
        label: t(`cases.statuses.${CASE_STATUSES[Number(r.key) as CaseStatusCode]}`, { defaultValue: r.key }),
        value: r.count,
      })),
      byClerk: stats.byClerk.map((r) => ({ key: r.key, label: r.label ?? otherPlace, value: r.count })),
      byRegion: stats.byRegion.map((r) => ({ key: r.key, label: regionName(r.key, language), value: r.count })),
      evaluations: stats.evaluations.ratings.map((n, i) => ({
        key: String(i + 1),
        label: t('supervision.stats.stars', { rating: i + 1 }),
        value: n,
      })),
    };
  }, [stats, matters, language, t]);

  const presets: { label: string; value: [Dayjs, Dayjs] }[] = [
    { label: t('supervision.stats.thisMonth'), value: monthOf(fromDay(today())) },
    { label: t('supervision.stats.lastMonth'), value: monthOf(fromDay(today()).subtract(1, 'month')) },
    {
      label: t('supervision.stats.thisYear'),
      value: [fromDay(today()).startOf('year'), fromDay(today()).endOf('year')],
    },
  ];

  const rate = (value: Rate): string =>
    t('supervision.stats.rateValue', { count: value.count, of: value.of, percent: percent(value.rate) });

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="stats-tab">
      <Flex gap={8} wrap align="center" justify="space-between">
        <span data-testid="stats-range">
          <DatePicker.RangePicker
            allowClear={false}
            value={[fromDay(range.from), fromDay(range.to)]}
            presets={presets}
            onChange={(days) => days?.[0] && days[1] && setRange({ from: toDay(days[0]), to: toDay(days[1]) })}
            aria-label={t('supervision.stats.range')}
          />
        </span>
        <ExportButtons
          testId="stats-export"
          disabled={!stats}
          exportAs={(format) => rpc('supervision.exportStats', { ...range, format })}
        />
      </Flex>
      {error && <Alert type="error" showIcon title={error} data-testid="stats-error" />}
      {!stats || !groups ? (
        !error && <Spin />
      ) : (
        <Spin spinning={loading}>
          <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
            <Card size="small" title={t('supervision.stats.overview')}>
              <Descriptions
                size="small"
                column={{ xs: 1, md: 2, xl: 3 }}
                data-testid="stats-overview"
                items={[
                  { key: 'total', label: t('supervision.export.stats.total'), children: stats.total },
                  { key: 'concluded', label: t('supervision.export.stats.concluded'), children: stats.concluded },
                  { key: 'withdrawn', label: t('supervision.export.stats.withdrawn'), children: stats.withdrawn },
                  { key: 'extended', label: t('supervision.export.stats.extended'), children: stats.extended },
                  { key: 'onTheSpot', label: t('supervision.export.stats.onTheSpot'), children: rate(stats.onTheSpot) },
                  { key: 'sameDay', label: t('supervision.export.stats.sameDay'), children: rate(stats.sameDay) },
                  { key: 'onTime', label: t('supervision.export.stats.onTime'), children: rate(stats.onTime) },
                  {
                    key: 'onTimeProvisional',
                    label: t('supervision.export.stats.onTimeProvisional'),
                    children: <span data-testid="stats-on-time-provisional">{stats.onTimeProvisional}</span>,
                  },
                  {
                    key: 'hours',
                    label: t('supervision.export.stats.averageHandlingHours'),
                    children: stats.averageHandlingHours === null ? '—' : stats.averageHandlingHours.toFixed(1),
                  },
                  {
                    key: 'bad',
                    label: t('supervision.export.stats.badEvaluations'),
                    children: rate(stats.evaluations.bad),
                  },
                  {
                    key: 'consultations',
                    label: t('supervision.export.stats.consultations'),
                    children: t('supervision.stats.consultationsValue', stats.consultations),
                  },
                ].map((item) => ({
                  ...item,
                  children: <span data-testid={`stats-${item.key}`}>{item.children}</span>,
                }))}
              />
            </Card>
            <QueueStatsCard stats={stats.queue} />
            <RectificationStatsCard stats={stats.rectifications} />
            {stats.total === 0 && <Empty description={t('supervision.stats.empty')} data-testid="stats-empty" />}
            <Row gutter={[16, 16]}>
              <Col xs={24} xl={14}>
                <Card size="small" title={t('supervision.stats.charts.byMatter')}>
                  <EChart kind="bar" data={groups.byMatter} testId="chart-by-matter" />
                </Card>
              </Col>
              <Col xs={24} xl={10}>
                <Card size="small" title={t('supervision.stats.charts.byStatus')}>
                  <EChart kind="pie" data={groups.byStatus} testId="chart-by-status" />
                </Card>
              </Col>
              <Col xs={24} xl={10}>
                <Card size="small" title={t('supervision.stats.charts.evaluations')}>
                  <EChart kind="bar" data={groups.evaluations} testId="chart-evaluations" height={220} />
                </Card>
              </Col>
              <Col xs={24} xl={14}>
                <CountTable
                  title={t('supervision.export.stats.evaluations')}
                  testId="evaluations"
                  data={groups.evaluations}
                />
              </Col>
              <Col xs={24} lg={12}>
                <CountTable title={t('supervision.export.stats.byMatter')} testId="by-matter" data={groups.byMatter} />
              </Col>
              <Col xs={24} lg={12}>
                <CountTable title={t('supervision.export.stats.byStatus')} testId="by-status" data={groups.byStatus} />
              </Col>
              <Col xs={24} lg={12}>
                <CountTable title={t('supervision.export.stats.byClerk')} testId="by-clerk" data={groups.byClerk} />
              </Col>
              <Col xs={24} lg={12}>
                <CountTable title={t('supervision.export.stats.byRegion')} testId="by-region" data={groups.byRegion} />
              </Col>
            </Row>
          </Space>
        </Spin>
      )}
    </Space>
  );
}
