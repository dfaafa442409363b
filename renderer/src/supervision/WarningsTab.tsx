// What needs someone now, grouped by kind, oldest first within each; the
// case number opens the case. The two thresholds that are the office's to
// choose are set here by whoever may close the day.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  Alert,
  Badge,
  Button,
  Card,
  Empty,
  Flex,
  Form,
  InputNumber,
  Space,
  Spin,
  Table,
  Tag,
  Typography,
  message,
} from 'antd';
import type { TableColumnsType } from 'antd';
import type { TFunction } from 'i18next';
import type { Matter } from '../../../shared/catalog/schema.ts';
import {
  WARNING_KINDS,
  type Warning,
  type WarningKind,
  type WarningThresholds,
} from '../../../shared/supervision/schemas.ts';
import { useLanguage } from '../cases/format.ts';
import { describeError, rpc } from '../rpc.ts';
import { useSession } from '../session/session.tsx';
import { useSubmit } from '../use-submit.ts';
import { Deadline } from '../cases/parts.tsx';
import { CaseNoLink, rowData } from './parts.tsx';
import { refreshWarnings, useWarnings } from './warnings-store.ts';
import { localDateTime } from '../../../shared/local-time.ts';

/** Deadlines are whole days; the other kinds began at a moment. */
export const SINCE_IS_DAY: ReadonlySet<WarningKind> = new Set(['deadline_red', 'deadline_yellow', 'commitment_lapsed']);

/** A quarantine reason in words, like the Sync workspace says it; any other reason as it came. */
export function warningReason(reason: string | null, t: TFunction): string {
  if (!reason) return '—';
  return t(`sync.reasons.${reason}`, { defaultValue: reason });
}

function kindHint(kind: WarningKind, thresholds: WarningThresholds, t: TFunction): string {
  const days = kind === 'originals_not_signed' ? thresholds.originalsDays : thresholds.collectionDays;
  return t(`supervision.warnings.hints.${kind}`, { days });
}

export function WarningsTab({
  matters,
  onOpenCase,
}: {
  matters: ReadonlyMap<string, Matter>;
  onOpenCase(caseId: string): void;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const { can } = useSession();
  const { warnings, error } = useWarnings();

  if (!warnings) {
    return error ? <Alert type="error" showIcon title={describeError(error, t)} /> : <Spin />;
  }

  const columns = (kind: WarningKind): TableColumnsType<Warning> => [
    {
      title: t('supervision.warnings.columns.caseNo'),
      dataIndex: 'caseNo',
      width: 230,
      render: (caseNo: string, w) => <CaseNoLink caseNo={caseNo} onOpen={() => onOpenCase(w.caseId)} />,
    },
    {
      title: t('supervision.warnings.columns.matter'),
      dataIndex: 'matterId',
      render: (id: string) => matters.get(id)?.names[language] ?? id,
    },
    {
      title: t(`supervision.warnings.columns.${SINCE_IS_DAY.has(kind) ? 'deadline' : 'since'}`),
      dataIndex: 'since',
      width: 150,
      render: (since: string, w) =>
        SINCE_IS_DAY.has(kind) ? (
          <Deadline date={since} provisional={w.deadline?.provisional ?? false} emptyText="—" />
        ) : (
          localDateTime(since)
        ),
    },
    {
      title: t(`supervision.warnings.days.${SINCE_IS_DAY.has(kind) ? kind : 'other'}`),
      dataIndex: 'days',
      width: 130,
      render: (days: number, w) => (
        <span data-testid="warning-days" data-days={days}>
          {w.deadline
            ? t('actions.period', { days, context: w.deadline.unit === 'calendar_days' ? 'calendar' : undefined })
            : days}
        </span>
      ),
    },
    ...(kind === 'quarantined'
      ? [
          {
            title: t('supervision.warnings.columns.reason'),
            dataIndex: 'reason',
            render: (reason: string | null) => (
              <Typography.Text type="danger">{warningReason(reason, t)}</Typography.Text>
            ),
          },
        ]
      : []),
    // 容缺: the reason is the material owed, named as the matter names it.
    ...(kind === 'commitment_lapsed'
      ? [
          {
            title: t('supervision.warnings.columns.material'),
            dataIndex: 'reason',
            render: (id: string | null, w: Warning) =>
              matters.get(w.matterId)?.materials.find((m) => m.id === id)?.names[language] ?? id,
          },
        ]
      : []),
  ];

  const total = warnings.items.length;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="warnings-tab">
      {error !== null && <Alert type="error" showIcon title={describeError(error, t)} />}
      <Flex gap={8} wrap align="center">
        <Typography.Text strong data-testid="warnings-total" data-count={total}>
          {t('supervision.warnings.total', { count: total })}
        </Typography.Text>
        {WARNING_KINDS.map((kind) => {
          const count = warnings.counts[kind] ?? 0;
          return (
            <Tag
              key={kind}
              color={count === 0 ? 'default' : kind === 'deadline_yellow' ? 'gold' : 'red'}
              data-testid={`warnings-count-${kind}`}
              data-count={count}
            >
              {t(`supervision.warnings.kinds.${kind}`)} {count}
            </Tag>
          );
        })}
      </Flex>
      {total === 0 && <Empty description={t('supervision.warnings.empty')} data-testid="warnings-empty" />}
      {WARNING_KINDS.filter((kind) => warnings.counts[kind]).map((kind) => (
        <Card
          key={kind}
          size="small"
          title={
            <Space>
              <span>{t(`supervision.warnings.kinds.${kind}`)}</span>
              <Badge count={warnings.counts[kind]} color={kind === 'deadline_yellow' ? 'gold' : 'red'} />
            </Space>
          }
          data-testid={`warnings-group-${kind}`}
        >
          <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>
            {kindHint(kind, warnings.thresholds, t)}
          </Typography.Paragraph>
          <Table<Warning>
            size="small"
            rowKey="key"
            columns={columns(kind)}
            dataSource={warnings.items.filter((w) => w.kind === kind)}
            pagination={{ pageSize: 50, hideOnSinglePage: true }}
            onRow={(w) =>
              rowData({
                'data-testid': 'warning-row',
                'data-kind': w.kind,
                'data-key': w.key,
                'data-case-no': w.caseNo,
              })
            }
          />
        </Card>
      ))}
      <Thresholds thresholds={warnings.thresholds} editable={can('supervision.close')} />
    </Space>
  );
}

function Thresholds({ thresholds, editable }: { thresholds: WarningThresholds; editable: boolean }) {
  const { t } = useTranslation();
  const [toast, toastHolder] = message.useMessage();
  const [form] = Form.useForm<WarningThresholds>();
  const [changed, setChanged] = useState(false);
  const { busy, error, submit } = useSubmit<WarningThresholds, WarningThresholds>(
    (values) => rpc('supervision.setThresholds', values),
    () => {
      setChanged(false);
      void toast.success(t('supervision.warnings.thresholds.saved'));
      void refreshWarnings();
    },
  );
  return (
    <Card size="small" title={t('supervision.warnings.thresholds.title')} style={{ maxWidth: 560 }}>
      {toastHolder}
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Form<WarningThresholds>
        form={form}
        layout="horizontal"
        labelCol={{ flex: '260px' }}
        labelWrap
        requiredMark={false}
        initialValues={thresholds}
        disabled={!editable || busy}
        onValuesChange={() => setChanged(true)}
        onFinish={submit}
      >
        <Form.Item
          name="originalsDays"
          label={t('supervision.warnings.thresholds.originalsDays')}
          rules={[{ required: true }]}
        >
          <InputNumber min={1} max={60} precision={0} data-testid="thresholds-originals" />
        </Form.Item>
        <Form.Item
          name="collectionDays"
          label={t('supervision.warnings.thresholds.collectionDays')}
          rules={[{ required: true }]}
        >
          <InputNumber min={1} max={90} precision={0} data-testid="thresholds-collection" />
        </Form.Item>
        {editable && (
          <Button type="primary" htmlType="submit" loading={busy} disabled={!changed} data-testid="thresholds-save">
            {t('supervision.warnings.thresholds.save')}
          </Button>
        )}
      </Form>
    </Card>
  );
}
