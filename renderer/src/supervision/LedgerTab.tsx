// 台账: every case something was done to on a day here, with what was done,
// and the day's consultations. Masked unless a user with personal.export
// asks, is told it is audited, and confirms; then the screen, the print and
// the files carry the watermark.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, Button, DatePicker, Flex, Modal, Select, Space, Switch, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { PrinterOutlined } from '@ant-design/icons';
import type { Matter } from '../../../shared/catalog/schema.ts';
import { CASE_STATUSES, type CaseStatusCode } from '../../../shared/case/status.ts';
import { regionName } from '../../../shared/regions.ts';
import type { Consultation, Ledger, LedgerFilter, LedgerRow } from '../../../shared/supervision/schemas.ts';
import { api } from '../backend.ts';
import { MarkTag } from '../cases/case-parts.tsx';
import { Deadline } from '../cases/parts.tsx';
import { formatDateTime, useLanguage } from '../cases/format.ts';
import { PrintPreview } from '../notices/print.tsx';
import { describeError, rpc } from '../rpc.ts';
import { useSession } from '../session/session.tsx';
import { ConsultationButton } from './ConsultationButton.tsx';
import { fromDay, toDay, today } from './files.ts';
import { LedgerDocument } from './LedgerDocument.tsx';
import { ExportButtons, rowData } from './parts.tsx';

type Filters = Omit<LedgerFilter, 'day'>;

// Sync brings cases.changed in bursts: one reading after the burst settles.
const SETTLE_MS = 300;
const PAGE_SIZE = 100;

export function LedgerTab({
  matters,
  onOpenCase,
}: {
  matters: ReadonlyMap<string, Matter>;
  onOpenCase(caseId: string): void;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const { can, locked, info } = useSession();
  const [modal, modalHolder] = Modal.useModal();
  const [day, setDay] = useState(today);
  const [filters, setFilters] = useState<Filters>({});
  const [unmasked, setUnmasked] = useState(false);
  const [ledger, setLedger] = useState<Ledger | null>(null);
  const [error, setError] = useState<string | null>(null);
  const query = useMemo(() => ({ day, ...filters, unmasked }), [day, filters, unmasked]);
  // The query the ledger on screen answers; while it differs from the chosen one, a reading is under way.
  const [shownFor, setShownFor] = useState<typeof query | null>(null);
  const loading = shownFor !== query;
  // Unmasked, every reading is an audit entry: changes are announced, not fetched.
  const [stale, setStale] = useState(false);
  const [printing, setPrinting] = useState<string | null>(null);
  const generation = useRef(0);

  const load = useCallback(() => {
    const gen = ++generation.current;
    return rpc('supervision.ledger', query)
      .then(
        (next) => {
          if (gen !== generation.current) return;
          setLedger(next);
          setError(null);
          setStale(false);
        },
        (e: unknown) => gen === generation.current && setError(describeError(e, t)),
      )
      .finally(() => gen === generation.current && setShownFor(query));
  }, [query, t]);

  useEffect(() => {
    if (!locked) void load();
  }, [load, locked]);
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const off = api.on('cases.changed', () => {
      if (unmasked) return setStale(true);
      clearTimeout(timer);
      timer = setTimeout(() => !locked && void load(), SETTLE_MS);
    });
    return () => {
      off();
      clearTimeout(timer);
    };
  }, [load, locked, unmasked]);

  const askUnmasked = (on: boolean): void => {
    if (!on) return setUnmasked(false);
    void modal.confirm({
      title: t('supervision.ledger.unmaskTitle'),
      content: <span data-testid="ledger-unmask-confirm">{t('supervision.ledger.unmaskBody')}</span>,
      okText: t('supervision.ledger.unmaskOk'),
      okButtonProps: { danger: true, 'data-testid': 'ledger-unmask-ok' },
      onOk: () => setUnmasked(true),
    });
  };

  const watermark = ledger?.watermark
    ? t('supervision.ledger.watermark', { user: ledger.watermark.user, at: formatDateTime(ledger.watermark.at) })
    : null;
  const matterName = (id: string): string => matters.get(id)?.names[language] ?? id;
  const regions = ledger?.regions ?? [];

  const columns: TableColumnsType<LedgerRow> = [
    {
      title: (
        <>
          {t('supervision.export.columns.caseNo')}
          <br />
          {t('supervision.export.columns.receivedAt')}
        </>
      ),
      dataIndex: 'caseNo',
      width: 210,
      render: (caseNo: string, row) => (
        <>
          <div style={{ fontFamily: 'monospace', whiteSpace: 'nowrap' }}>{caseNo}</div>
          <Typography.Text type="secondary">{formatDateTime(row.receivedAt)}</Typography.Text>
        </>
      ),
    },
    {
      title: t('supervision.export.columns.matter'),
      dataIndex: 'matterId',
      width: 150,
      render: (id: string) => matterName(id),
    },
    {
      title: t('supervision.export.columns.applicant'),
      key: 'applicant',
      width: 150,
      render: (_, row) => (
        <>
          <div data-testid="ledger-applicant-name">{row.applicantName}</div>
          <Typography.Text type="secondary" style={{ whiteSpace: 'nowrap' }} data-testid="ledger-applicant-id">
            {row.applicantId}
          </Typography.Text>
        </>
      ),
    },
    {
      title: t('supervision.export.columns.status'),
      dataIndex: 'status',
      width: 110,
      render: (status: CaseStatusCode, row) => (
        <>
          <div>{t(`cases.statuses.${CASE_STATUSES[status]}`)}</div>
          <Typography.Text type="secondary">{t(`cases.subStates.${row.subState}`)}</Typography.Text>
        </>
      ),
    },
    {
      title: t('supervision.export.columns.mark'),
      dataIndex: 'mark',
      width: 80,
      render: (mark: LedgerRow['mark']) => <MarkTag mark={mark} />,
    },
    {
      title: t('supervision.export.columns.deadline'),
      dataIndex: 'deadline',
      width: 130,
      render: (deadline: string | null, row) => (
        <Deadline date={deadline} provisional={row.deadlineProvisional} emptyText="—" />
      ),
    },
    {
      title: t('supervision.export.columns.clerk'),
      dataIndex: 'clerk',
      width: 90,
      render: (clerk: string | null) => clerk ?? <Tag>{t('supervision.export.stats.otherPlace')}</Tag>,
    },
    {
      title: t('supervision.export.columns.partnerRegion'),
      dataIndex: 'partnerRegion',
      width: 140,
      render: (code: string) => regionName(code, language),
    },
    {
      title: t('supervision.export.columns.activities'),
      dataIndex: 'activities',
      render: (activities: LedgerRow['activities']) => (
        <div data-testid="ledger-activities">
          {activities.map((a, i) => (
            <div key={i} data-testid="ledger-activity" data-type={a.type}>
              <Typography.Text type="secondary">{formatDateTime(a.at).slice(11)}</Typography.Text>{' '}
              {t(`cases.events.${a.type}`, { defaultValue: a.type })}
              {a.actor && <Typography.Text type="secondary"> · {a.actor}</Typography.Text>}
            </div>
          ))}
        </div>
      ),
    },
    {
      title: t('supervision.export.columns.evaluation'),
      dataIndex: 'evaluation',
      width: 80,
      render: (rating: number | null) =>
        rating !== null && (
          <Space size={4} wrap>
            <span data-testid="ledger-rating">{t('supervision.ledger.rating', { rating })}</span>
            {rating <= 2 && <Tag color="magenta">{t('actions.badRatingTag')}</Tag>}
          </Space>
        ),
    },
  ];

  const consultationColumns: TableColumnsType<Consultation> = [
    {
      title: t('supervision.export.columns.at'),
      dataIndex: 'at',
      width: 130,
      render: (at: string) => formatDateTime(at),
    },
    { title: t('supervision.ledger.clerk'), dataIndex: 'clerk', width: 110 },
    {
      title: t('supervision.export.columns.matter'),
      dataIndex: 'matterId',
      width: 220,
      render: (id: string | null) => (id ? matterName(id) : '—'),
    },
    { title: t('supervision.export.columns.note'), dataIndex: 'note' },
    { title: t('supervision.export.columns.minutes'), dataIndex: 'minutes', width: 110 },
  ];

  const setFilter = <K extends keyof Filters>(key: K, value: Filters[K] | undefined): void =>
    setFilters((f) => ({ ...f, [key]: value }));

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="ledger-tab">
      {modalHolder}
      <Flex gap={8} wrap align="center">
        <span data-testid="ledger-day">
          <DatePicker
            allowClear={false}
            value={fromDay(day)}
            onChange={(value) => value && setDay(toDay(value))}
            disabledDate={(value) => toDay(value) > today()}
            aria-label={t('supervision.ledger.day')}
          />
        </span>
        <Select<string>
          allowClear
          placeholder={t('supervision.ledger.clerk')}
          style={{ width: 130 }}
          value={filters.clerkUserId}
          onChange={(v) => setFilter('clerkUserId', v)}
          options={ledger?.clerks.map((c) => ({ value: c.userId, label: c.displayName })) ?? []}
          data-testid="ledger-filter-clerk"
        />
        <Select<string>
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          placeholder={t('supervision.ledger.matter')}
          style={{ width: 200 }}
          popupMatchSelectWidth={360}
          value={filters.matterId}
          onChange={(v) => setFilter('matterId', v)}
          options={[...matters.values()].map((m) => ({ value: m.id, label: m.names[language] }))}
          data-testid="ledger-filter-matter"
        />
        <Select<CaseStatusCode>
          allowClear
          placeholder={t('supervision.ledger.status')}
          style={{ width: 150 }}
          value={filters.status}
          onChange={(v) => setFilter('status', v)}
          options={Object.entries(CASE_STATUSES).map(([code, name]) => ({
            value: Number(code) as CaseStatusCode,
            label: t(`cases.statuses.${name}`),
          }))}
          data-testid="ledger-filter-status"
        />
        <Select<string>
          allowClear
          placeholder={t('supervision.ledger.region')}
          style={{ width: 220 }}
          value={filters.regionCode}
          onChange={(v) => setFilter('regionCode', v)}
          options={regions.map((code) => ({ value: code, label: regionName(code, language) }))}
          data-testid="ledger-filter-region"
        />
        {ledger?.closed && (
          <Tag color="green" data-testid="ledger-closed">
            {t('supervision.ledger.closed')}
          </Tag>
        )}
      </Flex>
      <Flex gap={8} wrap align="center">
        <ConsultationButton onLogged={() => void load()} />
        <ExportButtons
          testId="ledger-export"
          disabled={!ledger}
          exportAs={(format) => rpc('supervision.exportLedger', { ...query, format })}
        />
        <Button
          icon={<PrinterOutlined />}
          disabled={!ledger}
          onClick={() => setPrinting(new Date().toISOString())}
          data-testid="ledger-print-open"
        >
          {t('supervision.ledger.print')}
        </Button>
        {can('personal.export') && (
          <Space size={4}>
            <Switch checked={unmasked} onChange={askUnmasked} data-testid="ledger-unmasked" />
            <span>{t('supervision.ledger.unmasked')}</span>
          </Space>
        )}
      </Flex>
      {watermark && <Alert type="error" showIcon banner title={watermark} data-testid="ledger-watermark" />}
      {stale && (
        <Alert
          type="info"
          showIcon
          title={t('supervision.ledger.stale')}
          action={
            <Button size="small" onClick={() => void load()} data-testid="ledger-reload">
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
        scroll={{ x: 1200 }}
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

      {printing && ledger && info && (
        <PrintPreview
          testId="ledger"
          title={t('supervision.print.title')}
          error={null}
          ready={{
            fileName: `ledger-${ledger.day}${ledger.watermark ? '-unmasked' : ''}`,
            render: (copy) => (
              <LedgerDocument
                ledger={ledger}
                matters={matters}
                device={info.device}
                printedBy={info.user.displayName}
                printedAt={printing}
                copy={copy}
              />
            ),
          }}
          record={(output) =>
            rpc('supervision.recordLedgerPrint', { day: ledger.day, output, unmasked: ledger.watermark !== null })
          }
          onClose={() => setPrinting(null)}
        />
      )}
    </Space>
  );
}
