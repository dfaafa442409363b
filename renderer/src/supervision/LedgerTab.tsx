// 台账: every case something was done to on a day here, with what was done,
// and the day's consultations. Masked unless a user with personal.export
// asks, is told it is audited, and confirms; then the screen, the print and
// the files carry the watermark.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, Button, Modal, Space, Table, Typography } from 'antd';
import type { Matter } from '../../../shared/catalog/schema.ts';
import type { Consultation, LedgerRow } from '../../../shared/supervision/schemas.ts';
import { LEDGER_MIN_WIDTH, useLedgerColumns } from './ledger-columns.tsx';
import { LedgerActions } from './LedgerActions.tsx';
import { LedgerFilters } from './LedgerFilters.tsx';
import { LedgerPrint } from './LedgerPrint.tsx';
import { rowData } from './parts.tsx';
import { useLedger } from './use-ledger.ts';
import { localDateTime } from '../../../shared/local-time.ts';

const PAGE_SIZE = 100;

export function LedgerTab({
  matters,
  onOpenCase,
}: {
  matters: ReadonlyMap<string, Matter>;
  onOpenCase(caseId: string): void;
}) {
  const { t } = useTranslation();
  const { day, setDay, filters, setFilter, unmasked, setUnmasked, query, ledger, error, loading, stale, reload } =
    useLedger();
  const { columns, consultationColumns } = useLedgerColumns(matters);
  const [modal, modalHolder] = Modal.useModal();
  // When the print was asked for: the printed copy says so.
  const [printing, setPrinting] = useState<string | null>(null);

  const watermark = ledger?.watermark
    ? t('supervision.ledger.watermark', { user: ledger.watermark.user, at: localDateTime(ledger.watermark.at) })
    : null;

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="ledger-tab">
      {modalHolder}
      <LedgerFilters
        matters={matters}
        ledger={ledger}
        day={day}
        onDay={setDay}
        filters={filters}
        setFilter={setFilter}
      />
      <LedgerActions
        modal={modal}
        query={query}
        ready={ledger !== null}
        unmasked={unmasked}
        onUnmasked={setUnmasked}
        onLogged={() => void reload()}
        onPrint={() => setPrinting(new Date().toISOString())}
      />
      {watermark && <Alert type="error" showIcon banner title={watermark} data-testid="ledger-watermark" />}
      {stale && (
        <Alert
          type="info"
          showIcon
          title={t('supervision.ledger.stale')}
          action={
            <Button size="small" onClick={() => void reload()} data-testid="ledger-reload">
              {t('supervision.ledger.reload')}
            </Button>
          }
        />
      )}
      {error && <Alert type="error" showIcon title={error} data-testid="ledger-error" />}

      <Typography.Title level={5} style={{ margin: 0 }}>
        {t('supervision.ledger.cases', { count: ledger?.rows.length ?? 0 })}
      </Typography.Title>
      <Table<LedgerRow>
        size="small"
        rowKey="caseId"
        loading={loading}
        columns={columns}
        dataSource={ledger?.rows ?? []}
        pagination={{ pageSize: PAGE_SIZE, hideOnSinglePage: true }}
        scroll={{ x: LEDGER_MIN_WIDTH }}
        locale={{ emptyText: t('supervision.ledger.empty') }}
        onRow={(row) => ({
          style: { cursor: 'pointer' },
          tabIndex: 0,
          onClick: () => onOpenCase(row.caseId),
          onKeyDown: (e) => e.key === 'Enter' && onOpenCase(row.caseId),
          'data-testid': 'ledger-row',
          'data-case-no': row.caseNo,
        })}
        data-testid="ledger-table"
      />

      <Typography.Title level={5} style={{ margin: 0 }}>
        {t('supervision.ledger.consultations', { count: ledger?.consultations.length ?? 0 })}
      </Typography.Title>
      <Table<Consultation>
        size="small"
        rowKey="consultationId"
        loading={loading}
        columns={consultationColumns}
        dataSource={ledger?.consultations ?? []}
        pagination={{ pageSize: PAGE_SIZE, hideOnSinglePage: true }}
        locale={{ emptyText: t('supervision.ledger.consultationsEmpty') }}
        onRow={() => rowData({ 'data-testid': 'ledger-consultation-row' })}
        data-testid="ledger-consultations"
      />

      {printing && ledger && (
        <LedgerPrint ledger={ledger} matters={matters} printedAt={printing} onClose={() => setPrinting(null)} />
      )}
    </Space>
  );
}
