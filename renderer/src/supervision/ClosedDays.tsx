// Every closed day checked again against what it signed, and against the
// anchor each exchange server keeps of it: a changed one is shown in red with
// each problem and its case; a row opens to the day's summary and the
// comments signed with it.
import { useTranslation } from 'react-i18next';
import { Alert, Card, Empty, Space, Spin, Table, Tag, Tooltip, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import type { TFunction } from 'i18next';
import type { Matter } from '../../../shared/catalog/schema.ts';
import type { DayClose } from '../../../shared/supervision/schemas.ts';
import { AnchorAlerts, AnchorTag, useAnchorCheck } from './AnchorCheck.tsx';
import { CloseSummary } from './CloseSummary.tsx';
import { rowData } from './parts.tsx';
import { localDateTime } from '../../../shared/local-time.ts';

const HASH_SHOWN = 12;

function problemText(problem: DayClose['problems'][number], t: TFunction): string {
  return t(`supervision.close.problems.${problem.kind}`, {
    caseNo: problem.caseNo ?? t('supervision.close.unknownCase'),
  });
}

export function ClosedDays({
  matters,
  closedDays,
  error,
}: {
  matters: ReadonlyMap<string, Matter>;
  closedDays: DayClose[] | null;
  error: string | null;
}) {
  const { t } = useTranslation();
  const broken = closedDays?.filter((c) => !c.intact) ?? [];
  const anchors = useAnchorCheck(closedDays);

  const columns: TableColumnsType<DayClose> = [
    { title: t('supervision.close.columns.day'), dataIndex: 'day', width: 120 },
    { title: t('supervision.close.columns.closedBy'), dataIndex: 'closedBy', width: 120 },
    {
      title: t('supervision.close.columns.closedAt'),
      dataIndex: 'closedAt',
      width: 150,
      render: (at: string) => localDateTime(at),
    },
    { title: t('supervision.close.columns.events'), dataIndex: 'events', width: 100 },
    {
      title: t('supervision.close.columns.hash'),
      dataIndex: 'chainHash',
      render: (hash: string) => (
        <Tooltip title={<span style={{ fontFamily: 'monospace', wordBreak: 'break-all' }}>{hash}</span>}>
          <Typography.Text code>{hash.slice(0, HASH_SHOWN)}…</Typography.Text>
        </Tooltip>
      ),
    },
    {
      title: t('supervision.close.columns.integrity'),
      dataIndex: 'intact',
      width: 120,
      render: (intact: boolean) =>
        intact ? (
          <Tag color="green" data-testid="close-intact">
            {t('supervision.close.intact')}
          </Tag>
        ) : (
          <Tag color="red" data-testid="close-broken">
            {t('supervision.close.broken')}
          </Tag>
        ),
    },
    {
      title: t('supervision.close.anchor.column'),
      dataIndex: 'day',
      key: 'anchor',
      width: 140,
      render: (day: string) => <AnchorTag check={anchors.check} day={day} />,
    },
  ];

  return (
    <Card title={t('supervision.close.list')} size="small" data-testid="closed-days">
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        {error && <Alert type="error" showIcon title={error} />}
        <AnchorAlerts check={anchors.check} error={anchors.error} />
        {broken.map((c) => (
          <Alert
            key={c.day}
            type="error"
            showIcon
            title={t('supervision.close.brokenTitle', { day: c.day })}
            description={
              <ul style={{ margin: 0, paddingInlineStart: 20 }}>
                {c.problems.map((p, i) => (
                  <li key={i} data-testid="close-problem" data-kind={p.kind} data-case-no={p.caseNo ?? ''}>
                    {problemText(p, t)}
                  </li>
                ))}
              </ul>
            }
            data-testid="close-tampered"
            data-day={c.day}
          />
        ))}
        {closedDays === null ? (
          !error && <Spin />
        ) : closedDays.length === 0 ? (
          <Empty description={t('supervision.close.listEmpty')} />
        ) : (
          <Table<DayClose>
            size="small"
            rowKey="day"
            columns={columns}
            dataSource={closedDays}
            pagination={false}
            onRow={(c) => ({
              ...rowData({ 'data-testid': 'closed-day-row', 'data-day': c.day, 'data-intact': String(c.intact) }),
              style: c.intact ? undefined : { background: '#fff1f0' },
            })}
            expandable={{
              expandedRowRender: (c) => <ClosedDayDetail close={c} matters={matters} />,
            }}
          />
        )}
      </Space>
    </Card>
  );
}

function ClosedDayDetail({ close, matters }: { close: DayClose; matters: ReadonlyMap<string, Matter> }) {
  const { t } = useTranslation();
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <CloseSummary summary={close.summary} matters={matters} />
      {close.comments.length > 0 && (
        <>
          <Typography.Text strong>{t('supervision.close.comments')}</Typography.Text>
          <ul style={{ margin: 0, paddingInlineStart: 20 }}>
            {close.comments.map((c) => (
              <li key={c.key}>
                <Tag>{t(`supervision.warnings.kinds.${c.kind}`)}</Tag>
                <Typography.Text code>{c.caseNo}</Typography.Text> {c.comment}
              </li>
            ))}
          </ul>
        </>
      )}
    </Space>
  );
}
