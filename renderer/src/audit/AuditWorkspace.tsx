// The auditor's workspace: the audit log, newest first, filtered by day,
// action and user, with the state of its hash chain (an entry changed or
// removed in the database file breaks it there), exported as xlsx or CSV.
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, Button, DatePicker, Flex, Select, Space, Table, Tooltip, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import type { TFunction } from 'i18next';
import { RESOURCES } from '../../../shared/i18n/index.ts';
import { localDateTime } from '../../../shared/local-time.ts';
import type { MethodInput, MethodOutput } from '../../../shared/rpc/contract.ts';
import { describeError, rpc } from '../rpc.ts';
import { useSession } from '../session/session.tsx';
import { fromDay, toDay } from '../supervision/files.ts';
import { ExportButtons, rowData } from '../supervision/parts.tsx';

type Entry = MethodOutput<'audit.list'>['rows'][number];
type Filter = Omit<MethodInput<'audit.list'>, 'offset' | 'limit'>;

const PAGE_SIZE = 50;

/** Every action the log has words for ('auth.login', …), from the texts themselves. */
const KNOWN_ACTIONS = Object.entries(RESOURCES['zh-CN'].supervision.audit.actions).flatMap(([group, actions]) =>
  Object.keys(actions).map((name) => `${group}.${name}`),
);

function actionName(action: string, t: TFunction): string {
  return t(`supervision.audit.actions.${action}`, { defaultValue: action });
}

export function AuditWorkspace() {
  const { t } = useTranslation();
  const { locked } = useSession();
  const [filter, setFilter] = useState<Filter>({});
  const [page, setPage] = useState(1);
  const [result, setResult] = useState<MethodOutput<'audit.list'> | null>(null);
  const [error, setError] = useState<string | null>(null);
  const query = useMemo(() => ({ ...filter, offset: (page - 1) * PAGE_SIZE, limit: PAGE_SIZE }), [filter, page]);
  // The query the rows on screen answer; while it differs, a reading is under way.
  const [shownFor, setShownFor] = useState<typeof query | null>(null);

  useEffect(() => {
    if (locked) return;
    let live = true;
    rpc('audit.list', query)
      .then(
        (next) => {
          if (!live) return;
          setResult(next);
          setError(null);
        },
        (e: unknown) => live && setError(describeError(e, t)),
      )
      .finally(() => live && setShownFor(query));
    return () => {
      live = false;
    };
  }, [query, locked, t]);

  const refine = (next: Partial<Filter>): void => {
    setFilter((f) => ({ ...f, ...next }));
    setPage(1);
  };

  const columns: TableColumnsType<Entry> = [
    { title: t('supervision.export.columns.seq'), dataIndex: 'seq', width: 80 },
    {
      title: t('supervision.export.columns.at'),
      dataIndex: 'at',
      width: 170,
      // To the second: entries often come in the same minute.
      render: (at: string) => localDateTime(at, true),
    },
    {
      title: t('supervision.export.columns.user'),
      dataIndex: 'user',
      width: 140,
      render: (user: string | null, entry) =>
        entry.userId ? (
          <Tooltip title={t('supervision.audit.filterUser')}>
            <Button type="link" size="small" style={{ padding: 0 }} onClick={() => refine({ userId: entry.userId! })}>
              {user ?? entry.userId}
            </Button>
          </Tooltip>
        ) : (
          <Typography.Text type="secondary">{t('supervision.audit.system')}</Typography.Text>
        ),
    },
    {
      title: t('supervision.export.columns.action'),
      dataIndex: 'action',
      width: 180,
      render: (action: string) => <Tooltip title={action}>{actionName(action, t)}</Tooltip>,
    },
    {
      title: t('supervision.export.columns.target'),
      dataIndex: 'target',
      width: 200,
      render: (target: string | null) =>
        target && (
          <Typography.Text style={{ fontFamily: 'monospace', fontSize: 12, wordBreak: 'break-all' }}>
            {target}
          </Typography.Text>
        ),
    },
    {
      title: t('supervision.export.columns.detail'),
      dataIndex: 'detail',
      render: (detail: Entry['detail']) =>
        Object.keys(detail).length > 0 && (
          <Typography.Text code style={{ fontSize: 12, wordBreak: 'break-all' }}>
            {JSON.stringify(detail)}
          </Typography.Text>
        ),
    },
  ];

  const chain = result?.chain;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="workspace-audit">
      <Typography.Text type="secondary">{t('workspace.audit')}</Typography.Text>
      {chain && (
        <Alert
          type={chain.intact ? 'success' : 'error'}
          showIcon
          title={
            chain.intact
              ? t('supervision.audit.chainIntact', { entries: chain.entries })
              : t('supervision.audit.chainBroken', { seq: chain.brokenAt })
          }
          data-testid="audit-chain"
          data-intact={String(chain.intact)}
          data-broken-at={chain.brokenAt ?? ''}
        />
      )}
      <Flex gap={8} wrap align="center" justify="space-between">
        <Flex gap={8} wrap align="center">
          <span data-testid="audit-filter-dates">
            <DatePicker.RangePicker
              value={filter.from && filter.to ? [fromDay(filter.from), fromDay(filter.to)] : null}
              onChange={(days) =>
                refine({ from: days?.[0] ? toDay(days[0]) : undefined, to: days?.[1] ? toDay(days[1]) : undefined })
              }
              aria-label={t('supervision.audit.range')}
            />
          </span>
          <Select<string>
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            placeholder={t('supervision.audit.action')}
            style={{ width: 220 }}
            value={filter.action}
            onChange={(action) => refine({ action })}
            options={KNOWN_ACTIONS.map((action) => ({ value: action, label: actionName(action, t) }))}
            data-testid="audit-filter-action"
          />
          <Select<string>
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            placeholder={t('supervision.audit.user')}
            style={{ width: 240 }}
            value={filter.userId}
            onChange={(userId) => refine({ userId })}
            options={result?.users.map((u) => ({
              value: u.userId,
              label: `${u.displayName} (${u.username})`,
            }))}
            data-testid="audit-filter-user"
          />
        </Flex>
        <ExportButtons testId="audit-export" exportAs={(format) => rpc('audit.export', { ...filter, format })} />
      </Flex>
      {error && <Alert type="error" showIcon title={error} data-testid="audit-error" />}
      <Table<Entry>
        size="small"
        rowKey="seq"
        loading={shownFor !== query}
        columns={columns}
        dataSource={result?.rows ?? []}
        locale={{ emptyText: t('supervision.audit.empty') }}
        pagination={{
          current: page,
          pageSize: PAGE_SIZE,
          total: result?.total ?? 0,
          showSizeChanger: false,
          showTotal: (total) => t('supervision.audit.total', { count: total }),
          onChange: setPage,
        }}
        onRow={(entry) =>
          rowData({
            'data-testid': 'audit-row',
            'data-seq': entry.seq,
            'data-action': entry.action,
            'data-user-id': entry.userId ?? '',
          })
        }
        data-testid="audit-table"
      />
    </Space>
  );
}
