// Events a partner server refused: kept, with the reason in words, so
// nothing vanishes and someone can act on each.
import type { HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, Card, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import type { TFunction } from 'i18next';
import { regionName } from '../../../shared/regions.ts';
import type { MethodOutput } from '../../../shared/rpc/contract.ts';
import { useLanguage } from '../cases/format.ts';
import { localDateTime } from '../../../shared/local-time.ts';

export type QuarantineEntry = MethodOutput<'sync.quarantine'>[number];

/** case.received → the case list's own name for it; a type this version has no name for shows as is. */
function eventName(type: string, t: TFunction): string {
  return t(`cases.events.${type}`, { defaultValue: type });
}

function reasonText(entry: QuarantineEntry, t: TFunction): string {
  if (entry.reason === 'superseded' && entry.winner)
    return t('sync.reasons.supersededBy', { winner: eventName(entry.winner.type, t) });
  return t(`sync.reasons.${entry.reason}`, { defaultValue: entry.reason });
}

export function QuarantineList({ entries, error }: { entries: QuarantineEntry[] | null; error: string | null }) {
  const { t } = useTranslation();
  const language = useLanguage();

  const columns: TableColumnsType<QuarantineEntry> = [
    {
      title: t('sync.quarantine.caseNo'),
      dataIndex: 'caseNo',
      width: 225,
      render: (caseNo: string) => <span style={{ fontFamily: 'monospace', whiteSpace: 'nowrap' }}>{caseNo}</span>,
    },
    {
      title: t('sync.quarantine.eventType'),
      dataIndex: 'eventType',
      render: (type: string) => eventName(type, t),
    },
    {
      title: t('sync.quarantine.region'),
      dataIndex: 'regionCode',
      render: (code: string) => regionName(code, language),
    },
    {
      title: t('sync.quarantine.reason'),
      key: 'reason',
      render: (_, entry) => (
        <Typography.Text type="danger" data-testid="sync-quarantine-reason">
          {reasonText(entry, t)}
        </Typography.Text>
      ),
    },
    {
      title: t('sync.quarantine.detail'),
      dataIndex: 'detail',
      // The server's words in full, wrapped anywhere: they may hold long identifiers.
      render: (detail: string | null) => <span style={{ wordBreak: 'break-all' }}>{detail ?? '—'}</span>,
    },
    {
      title: t('sync.quarantine.at'),
      dataIndex: 'quarantinedAt',
      render: (at: string) => localDateTime(at),
    },
  ];

  return (
    <Card
      title={
        <span>
          {t('sync.quarantine.title')}
          {entries && entries.length > 0 && (
            <Typography.Text type="danger" style={{ marginInlineStart: 8 }} data-testid="sync-quarantine-count">
              ({entries.length})
            </Typography.Text>
          )}
        </span>
      }
      data-testid="sync-quarantine"
    >
      <Typography.Paragraph type="secondary">{t('sync.quarantine.intro')}</Typography.Paragraph>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Table<QuarantineEntry>
        rowKey="eventId"
        size="small"
        columns={columns}
        dataSource={entries ?? []}
        loading={entries === null && !error}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        scroll={{ x: true }}
        locale={{ emptyText: t('sync.quarantine.empty') }}
        // A test id alone shares no property with the row's props type.
        onRow={() => ({ 'data-testid': 'sync-quarantine-row' }) as HTMLAttributes<HTMLElement>}
        data-testid="sync-quarantine-table"
      />
    </Card>
  );
}
