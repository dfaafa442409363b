// 日结: the day's counts, a word on every open warning, then the signature;
// below, every closed day checked again against what it signed, a changed one
// shown in red with each problem and its case.
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  Alert,
  Button,
  Card,
  DatePicker,
  Descriptions,
  Empty,
  Flex,
  Input,
  List,
  Popconfirm,
  Space,
  Spin,
  Table,
  Tag,
  Tooltip,
  Typography,
  message,
} from 'antd';
import type { TableColumnsType } from 'antd';
import type { TFunction } from 'i18next';
import type { Matter } from '../../../shared/catalog/schema.ts';
import type { MethodOutput } from '../../../shared/rpc/contract.ts';
import type { DayClose, DaySummary, Warning } from '../../../shared/supervision/schemas.ts';
import { formatDateTime, useLanguage } from '../cases/format.ts';
import { describeError, rpc } from '../rpc.ts';
import { useSession } from '../session/session.tsx';
import { fromDay, toDay, today } from './files.ts';
import { CaseNoLink, rowData } from './parts.tsx';
import { SINCE_IS_DAY, warningReason } from './WarningsTab.tsx';
import { refreshWarnings } from './warnings-store.ts';

type Preview = MethodOutput<'supervision.closePreview'>;

const SUMMARY_ITEMS = ['cases', 'received', 'decided', 'corrections', 'collected', 'consultations', 'events'] as const;
const MAX_COMMENT = 500;
const HASH_SHOWN = 12;

function problemText(problem: DayClose['problems'][number], t: TFunction): string {
  return t(`supervision.close.problems.${problem.kind}`, {
    caseNo: problem.caseNo ?? t('supervision.close.unknownCase'),
  });
}

function Summary({ summary, matters }: { summary: DaySummary; matters: ReadonlyMap<string, Matter> }) {
  const { t } = useTranslation();
  const language = useLanguage();
  return (
    <>
      <Descriptions
        size="small"
        column={{ xs: 2, md: 4, xl: 7 }}
        data-testid="close-summary"
        items={SUMMARY_ITEMS.map((key) => ({
          key,
          label: t(`supervision.close.items.${key}`),
          children: (
            <span data-testid={`close-summary-${key}`} data-count={summary[key]}>
              {summary[key]}
            </span>
          ),
        }))}
      />
      {summary.byMatter.length > 0 && (
        <Flex gap={4} wrap align="center" style={{ marginTop: 8 }}>
          <Typography.Text type="secondary">{t('supervision.close.byMatter')}</Typography.Text>
          {summary.byMatter.map((m) => (
            <Tag key={m.key} data-testid="close-summary-matter" data-key={m.key} data-count={m.count}>
              {matters.get(m.key)?.names[language] ?? m.key} {m.count}
            </Tag>
          ))}
        </Flex>
      )}
    </>
  );
}

export function DayCloseTab({
  matters,
  closedDays,
  closedError,
  onClosed,
  onOpenCase,
}: {
  matters: ReadonlyMap<string, Matter>;
  closedDays: DayClose[] | null;
  closedError: string | null;
  onClosed(): void;
  onOpenCase(caseId: string): void;
}) {
  const { can } = useSession();
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }} data-testid="close-tab">
      {can('supervision.close') && <CloseForm matters={matters} onClosed={onClosed} onOpenCase={onOpenCase} />}
      <ClosedDays matters={matters} closedDays={closedDays} error={closedError} />
    </Space>
  );
}

function CloseForm({
  matters,
  onClosed,
  onOpenCase,
}: {
  matters: ReadonlyMap<string, Matter>;
  onClosed(): void;
  onOpenCase(caseId: string): void;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const { locked } = useSession();
  const [toast, toastHolder] = message.useMessage();
  const [day, setDay] = useState(today);
  const [preview, setPreview] = useState<Preview | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  // Comments by warning key: they stay while another day is looked at, the warnings being today's.
  const [comments, setComments] = useState<Record<string, string>>({});
  const [tried, setTried] = useState(false);
  const [signing, setSigning] = useState(false);
  const [signError, setSignError] = useState<string | null>(null);

  const load = useCallback(
    () =>
      rpc('supervision.closePreview', { day }).then(
        (next) => {
          setPreview(next);
          setLoadError(null);
        },
        (e: unknown) => setLoadError(describeError(e, t)),
      ),
    [day, t],
  );
  useEffect(() => {
    if (!locked) void load();
  }, [load, locked]);

  const sign = async (): Promise<void> => {
    if (!preview) return;
    setSigning(true);
    setSignError(null);
    setTried(true);
    try {
      await rpc('supervision.closeDay', {
        day,
        comments: preview.warnings
          .filter((w) => comments[w.key]?.trim())
          .map((w) => ({ key: w.key, comment: comments[w.key]!.trim() })),
      });
      void toast.success(t('supervision.close.signed', { day }));
      setComments({});
      setTried(false);
      onClosed();
      void refreshWarnings();
    } catch (e) {
      setSignError(describeError(e, t));
    } finally {
      setSigning(false);
      // Warnings may have come or gone since the preview: show them as they are now.
      void load();
    }
  };

  const shown = preview?.day === day ? preview : null;
  return (
    <Card title={t('supervision.tabs.close')} size="small" data-testid="close-form">
      {toastHolder}
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        <span data-testid="close-day">
          <DatePicker
            allowClear={false}
            value={fromDay(day)}
            onChange={(value) => value && setDay(toDay(value))}
            disabledDate={(value) => toDay(value) > today()}
            aria-label={t('supervision.close.day')}
          />
        </span>
        {loadError && <Alert type="error" showIcon title={loadError} data-testid="close-load-error" />}
        {!shown ? (
          !loadError && <Spin />
        ) : (
          <>
            <Typography.Title level={5} style={{ margin: 0 }}>
              {t('supervision.close.summary')}
            </Typography.Title>
            <Summary summary={shown.summary} matters={matters} />
            {shown.closed ? (
              <Alert
                type={shown.closed.intact ? 'success' : 'error'}
                showIcon
                title={t('supervision.close.closedBy', {
                  day: shown.day,
                  user: shown.closed.closedBy,
                  at: formatDateTime(shown.closed.closedAt),
                })}
                description={shown.closed.intact ? undefined : t('supervision.close.brokenTitle', { day: shown.day })}
                data-testid="close-done"
                data-intact={String(shown.closed.intact)}
              />
            ) : (
              <>
                <Typography.Title level={5} style={{ margin: 0 }}>
                  {t('supervision.close.warnings', { count: shown.warnings.length })}
                </Typography.Title>
                {shown.warnings.length === 0 ? (
                  <Typography.Text type="secondary" data-testid="close-no-warnings">
                    {t('supervision.close.noWarnings')}
                  </Typography.Text>
                ) : (
                  <>
                    <Typography.Text type="secondary">{t('supervision.close.warningsHint')}</Typography.Text>
                    <List
                      size="small"
                      bordered
                      dataSource={shown.warnings}
                      data-testid="close-warnings"
                      renderItem={(w) => (
                        <CloseWarning
                          warning={w}
                          matter={matters.get(w.matterId)?.names[language] ?? w.matterId}
                          comment={comments[w.key] ?? ''}
                          missing={tried && !comments[w.key]?.trim()}
                          onComment={(text) => setComments((c) => ({ ...c, [w.key]: text }))}
                          onOpenCase={onOpenCase}
                        />
                      )}
                    />
                  </>
                )}
                {signError && <Alert type="error" showIcon title={signError} data-testid="close-error" />}
                <Popconfirm
                  title={t('supervision.close.signConfirm', { day })}
                  okText={t('supervision.close.signOk')}
                  onConfirm={() => void sign()}
                  okButtonProps={{ loading: signing, 'data-testid': 'close-sign-confirm' }}
                >
                  <Button type="primary" loading={signing} data-testid="close-sign">
                    {t('supervision.close.sign')}
                  </Button>
                </Popconfirm>
              </>
            )}
          </>
        )}
      </Space>
    </Card>
  );
}

function CloseWarning({
  warning,
  matter,
  comment,
  missing,
  onComment,
  onOpenCase,
}: {
  warning: Warning;
  matter: string;
  comment: string;
  missing: boolean;
  onComment(text: string): void;
  onOpenCase(caseId: string): void;
}) {
  const { t } = useTranslation();
  return (
    <List.Item data-testid="close-warning" data-key={warning.key} data-kind={warning.kind}>
      <Flex vertical gap={6} style={{ width: '100%' }}>
        <Space wrap size={8}>
          <Tag color={warning.kind === 'deadline_yellow' ? 'gold' : 'red'}>
            {t(`supervision.warnings.kinds.${warning.kind}`)}
          </Tag>
          <CaseNoLink caseNo={warning.caseNo} onOpen={() => onOpenCase(warning.caseId)} />
          <Typography.Text type="secondary">
            {matter} · {t(`supervision.warnings.days.${SINCE_IS_DAY.has(warning.kind) ? warning.kind : 'other'}`)}{' '}
            {warning.days}
          </Typography.Text>
          {warning.kind === 'quarantined' && (
            <Typography.Text type="danger">{warningReason(warning.reason, t)}</Typography.Text>
          )}
        </Space>
        <Input.TextArea
          rows={2}
          maxLength={MAX_COMMENT}
          value={comment}
          status={missing ? 'error' : undefined}
          placeholder={t('supervision.close.comment')}
          aria-label={t('supervision.close.comment')}
          onChange={(e) => onComment(e.target.value)}
          data-testid={`close-comment-${warning.key}`}
        />
      </Flex>
    </List.Item>
  );
}

function ClosedDays({
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

  const columns: TableColumnsType<DayClose> = [
    { title: t('supervision.close.columns.day'), dataIndex: 'day', width: 120 },
    { title: t('supervision.close.columns.closedBy'), dataIndex: 'closedBy', width: 120 },
    {
      title: t('supervision.close.columns.closedAt'),
      dataIndex: 'closedAt',
      width: 150,
      render: (at: string) => formatDateTime(at),
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
  ];

  return (
    <Card title={t('supervision.close.list')} size="small" data-testid="closed-days">
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        {error && <Alert type="error" showIcon title={error} />}
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
      <Summary summary={close.summary} matters={matters} />
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
