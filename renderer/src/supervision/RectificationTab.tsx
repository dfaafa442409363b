// 差评整改: the rectification items bad ratings opened, not closed ones
// first, each oldest rating first; an overdue one (past its working days) in
// red. Filters by state and by who is responsible; a row opens the item
// (RectificationItem.tsx), its case number the case. The list follows when a
// case changes (a rating pulled) and after each step.
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, Button, Flex, Select, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import type { Matter } from '../../../shared/catalog/schema.ts';
import { localDateTime } from '../../../shared/local-time.ts';
import type { MethodOutput } from '../../../shared/rpc/contract.ts';
import type { Rectification } from '../../../shared/supervision/rectification.ts';
import { api } from '../backend.ts';
import { useLanguage } from '../cases/format.ts';
import { describeError, rpc } from '../rpc.ts';
import { CaseNoLink, rowData } from './parts.tsx';
import { RectificationItem, RectificationState } from './RectificationItem.tsx';
import { refreshWarnings } from './warnings-store.ts';

type StateFilter = 'open' | 'overdue' | 'closed' | 'all';
const STATE_FILTERS: readonly StateFilter[] = ['open', 'overdue', 'closed', 'all'];

export function RectificationTab({
  matters,
  onOpenCase,
}: {
  matters: ReadonlyMap<string, Matter>;
  onOpenCase(caseId: string): void;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const [state, setState] = useState<StateFilter>('open');
  const [assignee, setAssignee] = useState<string | undefined>(undefined);
  const [list, setList] = useState<MethodOutput<'rectifications.list'> | null>(null);
  const [error, setError] = useState<string | null>(null);
  // The item open in the drawer, as the last step left it: a closed one stays shown outside the open list.
  const [shown, setShown] = useState<Rectification | null>(null);

  const load = useCallback(
    () =>
      rpc('rectifications.list', { state, ...(assignee ? { assigneeUserId: assignee } : {}) }).then(
        (answer) => {
          setList(answer);
          setError(null);
        },
        (e: unknown) => setError(describeError(e, t)),
      ),
    [state, assignee, t],
  );
  useEffect(() => void load(), [load]);
  useEffect(() => api.on('cases.changed', () => void load()), [load]);

  const keyOf = (item: Rectification): string => `${item.caseId}:${item.eventId}`;
  const open = shown && (list?.items.find((item) => keyOf(item) === keyOf(shown)) ?? shown);
  const changed = (item: Rectification): void => {
    setShown(item);
    void load();
    void refreshWarnings();
  };

  const columns: TableColumnsType<Rectification> = [
    {
      title: t('rectification.columns.caseNo'),
      dataIndex: 'caseNo',
      width: 230,
      render: (caseNo: string, item) => <CaseNoLink caseNo={caseNo} onOpen={() => onOpenCase(item.caseId)} />,
    },
    {
      title: t('rectification.columns.matter'),
      dataIndex: 'matterId',
      render: (id: string) => matters.get(id)?.names[language] ?? id,
    },
    {
      title: t('rectification.columns.rating'),
      dataIndex: 'rating',
      width: 110,
      render: (rating: number) => <Tag color="volcano">{t(`rectification.ratings.${rating}`)}</Tag>,
    },
    {
      title: t('rectification.columns.ratedAt'),
      dataIndex: 'ratedAt',
      width: 140,
      render: (at: string) => localDateTime(at),
    },
    { title: t('rectification.columns.applicant'), dataIndex: 'applicantName', width: 90 },
    {
      title: t('rectification.columns.state'),
      width: 100,
      render: (_, item) => <RectificationState item={item} />,
    },
    {
      title: t('rectification.columns.assignee'),
      width: 100,
      render: (_, item) => item.assignee?.displayName ?? '—',
    },
    {
      title: t('rectification.columns.rectifyBy'),
      dataIndex: 'rectifyBy',
      width: 110,
      render: (day: string, item) => (item.overdue ? <Typography.Text type="danger">{day}</Typography.Text> : day),
    },
    {
      key: 'open',
      width: 80,
      render: (_, item) => (
        <Button size="small" onClick={() => setShown(item)} data-testid={`rectification-open-${item.caseNo}`}>
          {t('rectification.open')}
        </Button>
      ),
    },
  ];

  return (
    <div data-testid="rectification-tab">
      <Typography.Paragraph type="secondary">{t('rectification.intro')}</Typography.Paragraph>
      <Flex gap={12} wrap align="center" style={{ marginBottom: 12 }}>
        <Select<StateFilter>
          value={state}
          onChange={setState}
          style={{ minWidth: 140 }}
          aria-label={t('rectification.filters.state')}
          options={STATE_FILTERS.map((s) => ({ value: s, label: t(`rectification.filters.states.${s}`) }))}
          data-testid="rectification-filter-state"
        />
        <Select<string>
          allowClear
          value={assignee}
          onChange={setAssignee}
          style={{ minWidth: 180 }}
          placeholder={t('rectification.filters.anyone')}
          aria-label={t('rectification.filters.assignee')}
          options={(list?.staff ?? []).map((s) => ({ value: s.userId, label: s.displayName }))}
          data-testid="rectification-filter-assignee"
        />
        <Button onClick={() => void load()}>{t('rectification.refresh')}</Button>
        {list && (
          <Typography.Text type="secondary" data-testid="rectification-total" data-count={list.items.length}>
            {t('rectification.total', { count: list.items.length })}
          </Typography.Text>
        )}
      </Flex>
      {error && <Alert type="error" showIcon title={error} />}
      <Table<Rectification>
        size="small"
        rowKey={keyOf}
        loading={!list && !error}
        dataSource={list?.items ?? []}
        columns={columns}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        locale={{ emptyText: t('rectification.empty') }}
        onRow={(item) =>
          rowData({
            'data-testid': `rectification-row-${item.caseNo}`,
            'data-state': item.state,
            'data-overdue': String(item.overdue),
          })
        }
        data-testid="rectification-table"
      />
      <RectificationItem
        item={open}
        staff={list?.staff ?? []}
        matters={matters}
        onClose={() => setShown(null)}
        onChanged={changed}
      />
    </div>
  );
}
