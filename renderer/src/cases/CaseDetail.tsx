// One case: where it stands, who applied (masked, revealable one field at a
// time), the materials check, scans, the event timeline and what comes next.
import { useCallback, useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, Button, Descriptions, Drawer, Empty, Space, Spin, Table, Tag, Timeline, Typography } from 'antd';
import type { DescriptionsProps, TableColumnsType } from 'antd';
import { EyeInvisibleOutlined, EyeOutlined, PrinterOutlined } from '@ant-design/icons';
import type { Matter } from '../../../shared/catalog/index.ts';
import { materialOutcomeSchema, type MaterialOutcome } from '../../../shared/case/intake.ts';
import { CASE_STATUSES } from '../../../shared/case/status.ts';
import { nationalityName } from '../../../shared/identity/nationality.ts';
import { regionName } from '../../../shared/regions.ts';
import type { CaseDetail, REVEALABLE_FIELDS } from '../../../shared/rpc/contract.ts';
import { api } from '../backend.ts';
import { describeError, rpc } from '../rpc.ts';
import { useSession } from '../session/session.tsx';
import { formatDateTime, useLanguage } from './format.ts';
import { Deadline, SyncTag } from './parts.tsx';
import { NoticeButtons } from '../notices/NoticeButtons.tsx';
import { ActionModal } from './ActionModal.tsx';
import { CaseNotes, ClockSummary, EventDetails, ToDo, WhenAndWho } from './case-parts.tsx';
import { ScanGallery } from './Scans.tsx';

type RevealableField = (typeof REVEALABLE_FIELDS)[number];
const REVEAL_MS = 30_000;

interface DrawerProps {
  caseId: string | null;
  matters: ReadonlyMap<string, Matter>;
  onClose(): void;
  onOpenReceipt(caseId: string): void;
}

export function CaseDetailDrawer({ caseId, matters, onClose, onOpenReceipt }: DrawerProps) {
  const { t } = useTranslation();
  return (
    <Drawer
      open={caseId !== null}
      onClose={onClose}
      size={760}
      // Unmounting the content forgets every revealed value when the drawer closes.
      destroyOnHidden
      title={t('cases.detail.title')}
      extra={
        caseId && (
          <Button icon={<PrinterOutlined />} onClick={() => onOpenReceipt(caseId)} data-testid="case-receipt">
            {t('cases.detail.receipt')}
          </Button>
        )
      }
      data-testid="case-detail"
    >
      {caseId && <CaseDetailBody key={caseId} caseId={caseId} matters={matters} />}
    </Drawer>
  );
}

function CaseDetailBody({ caseId, matters }: { caseId: string; matters: ReadonlyMap<string, Matter> }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const [detail, setDetail] = useState<CaseDetail | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [acting, setActing] = useState<string | null>(null);

  const load = useCallback(
    () =>
      rpc('cases.get', { caseId }).then(
        (next) => {
          setDetail(next);
          setError(null);
        },
        (e: unknown) => setError(describeError(e, t)),
      ),
    [caseId, t],
  );
  useEffect(() => void load(), [load]);
  useEffect(
    () => api.on('cases.changed', ({ caseIds }) => (caseIds.includes(caseId) ? void load() : undefined)),
    [caseId, load],
  );

  if (error) return <Alert type="error" showIcon title={error} data-testid="case-detail-error" />;
  if (!detail) return <Spin description={t('cases.detail.loading')} />;

  const { row } = detail;
  const matter = matters.get(row.matterId);
  // Notes have their own box below.
  const actions = detail.nextActions.filter((action) => action !== 'case.note_added');
  const place = detail.intakePlace;
  const summary: DescriptionsProps['items'] = [
    {
      key: 'status',
      label: t('cases.detail.status'),
      children: (
        <Space size={4} wrap>
          <Tag color="blue" data-testid="case-status">
            {t(`cases.statuses.${CASE_STATUSES[row.status]}`)}
          </Tag>
          <Typography.Text type="secondary">
            {t('cases.detail.transfer', { state: t(`cases.subStates.${row.subState}`) })}
          </Typography.Text>
        </Space>
      ),
    },
    {
      key: 'sync',
      label: t('cases.detail.syncState'),
      children: (
        <>
          <SyncTag state={row.syncState} noRoute={row.noRoute} />
          {row.noRoute && (
            <div>
              <Typography.Text type="warning" data-testid="case-no-route-detail">
                {t('cases.noRouteDetail', { region: regionName(row.handlingRegion, language) })}
              </Typography.Text>
            </div>
          )}
        </>
      ),
    },
    {
      key: 'matter',
      label: t('cases.detail.matter'),
      span: 'filled',
      children: (
        <span data-testid="case-matter">
          {matter?.names[language] ?? row.matterId}
          {row.priority && (
            <Tag color="gold" style={{ marginInlineStart: 8 }}>
              {t('cases.priority')}
            </Tag>
          )}
        </span>
      ),
    },
    { key: 'handling', label: t('cases.detail.handlingPlace'), children: regionName(row.handlingRegion, language) },
    {
      key: 'intake',
      label: t('cases.detail.intakePlace'),
      children: (
        <>
          <div>{regionName(detail.intakeRegion, language)}</div>
          <div>
            {t('cases.detail.intakeWindow', { hall: place.hall, window: place.window, device: place.deviceName })}
          </div>
        </>
      ),
    },
    { key: 'clerk', label: t('cases.detail.clerk'), children: row.clerk ?? '—' },
    { key: 'received', label: t('cases.detail.receivedAt'), children: formatDateTime(row.receivedAt) },
    {
      key: 'promised',
      label: t('cases.detail.promisedDeadline'),
      children: (
        <Deadline
          date={row.promisedDeadline}
          provisional={row.deadlineProvisional}
          emptyText={t('cases.detail.noDeadline')}
        />
      ),
    },
    {
      key: 'statutory',
      label: t('cases.detail.statutoryDeadline'),
      children: <Deadline date={row.statutoryDeadline} provisional={row.deadlineProvisional} emptyText="—" />,
    },
  ];

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }} data-testid="case-detail-body">
      <Typography.Title level={4} style={{ margin: 0 }} copyable={{ text: row.caseNo }} data-testid="case-number">
        {row.caseNo}
      </Typography.Title>
      <Descriptions size="small" bordered column={2} items={summary} />
      <ToDo detail={detail} />
      <NoticeButtons detail={detail} />
      {detail.clock && <ClockSummary clock={detail.clock} />}
      <Person caseId={caseId} who="applicant" person={detail.applicant} />
      {detail.agent && (
        <Person caseId={caseId} who="agent" person={detail.agent} powerOfAttorney={detail.agent.powerOfAttorney} />
      )}
      {matter && <FormData matter={matter} values={detail.formData} />}
      <Materials matter={matter} materials={detail.materials} />
      <section>
        <Typography.Title level={5}>{t('cases.detail.scans')}</Typography.Title>
        <ScanGallery caseId={caseId} scans={detail.scans} matter={matter} />
      </section>
      <CaseTimeline timeline={detail.timeline} matter={matter} />
      <CaseNotes caseId={caseId} timeline={detail.timeline} canWrite={detail.nextActions.includes('case.note_added')} />
      <section data-testid="case-next-actions">
        <Typography.Title level={5}>{t('cases.detail.nextActions')}</Typography.Title>
        {actions.length === 0 ? (
          <Typography.Text type="secondary">{t('cases.detail.noNextActions')}</Typography.Text>
        ) : (
          <Space wrap>
            {actions.map((action) => (
              <Button key={action} onClick={() => setActing(action)} data-testid={`action-${action}`}>
                {t(`cases.events.${action}`, { defaultValue: action })}
              </Button>
            ))}
          </Space>
        )}
      </section>
      {acting && <ActionModal detail={detail} type={acting} matter={matter} onClose={() => setActing(null)} />}
    </Space>
  );
}

type MaskedPerson = CaseDetail['applicant'];

function Person({
  caseId,
  who,
  person,
  powerOfAttorney,
}: {
  caseId: string;
  who: 'applicant' | 'agent';
  person: MaskedPerson;
  powerOfAttorney?: string | null;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const field = (key: 'name' | 'idNumber' | 'phone' | 'address', masked: string): ReactNode => (
    <Revealable caseId={caseId} field={`${who}.${key}` as RevealableField} masked={masked} />
  );
  const items: DescriptionsProps['items'] = [
    { key: 'name', label: t('cases.detail.name'), children: field('name', person.name) },
    {
      key: 'id',
      label: t('cases.detail.idNumber'),
      children: (
        <Space size={4} wrap>
          <Tag>{t(`identity.kinds.${person.idKind}`)}</Tag>
          {field('idNumber', person.idNumber)}
        </Space>
      ),
    },
  ];
  if (person.nationality) {
    const name = nationalityName(person.nationality, language);
    items.push({
      key: 'nationality',
      label: t('cases.detail.nationality'),
      children: <span data-testid={`case-${who}-nationality`}>{`${name} (${person.nationality})`}</span>,
    });
  }
  if (person.phone)
    items.push({ key: 'phone', label: t('cases.detail.phone'), children: field('phone', person.phone) });
  if (person.address) {
    // The contract reveals an agent's name, ID and phone, not the address.
    const children = who === 'applicant' ? field('address', person.address) : person.address;
    items.push({ key: 'address', label: t('cases.detail.address'), children });
  }
  if (powerOfAttorney) {
    items.push({
      key: 'poa',
      label: t('cases.detail.powerOfAttorney'),
      children: t(`cases.forms.${powerOfAttorney}`, { defaultValue: powerOfAttorney }),
    });
  }
  return (
    <Descriptions
      title={t(`cases.detail.${who}`)}
      size="small"
      bordered
      column={1}
      items={items}
      data-testid={`case-${who}`}
    />
  );
}

/** A masked value with a "show" button: the full value comes from an audited call and hides again by itself. */
function Revealable({ caseId, field, masked }: { caseId: string; field: RevealableField; masked: string }) {
  const { t } = useTranslation();
  const { can } = useSession();
  const [value, setValue] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const testId = field.replace('.', '-');

  useEffect(() => {
    if (value === null) return;
    const timer = setTimeout(() => setValue(null), REVEAL_MS);
    return () => clearTimeout(timer);
  }, [value]);

  const reveal = async (): Promise<void> => {
    setBusy(true);
    setError(null);
    try {
      setValue((await rpc('cases.reveal', { caseId, field })).value);
    } catch (e) {
      setError(describeError(e, t));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Space size={4} wrap>
      <Typography.Text
        strong={value !== null}
        title={value !== null ? t('cases.detail.revealedFor') : undefined}
        data-testid={`value-${testId}`}
      >
        {value ?? masked}
      </Typography.Text>
      {can('personal.reveal') &&
        (value === null ? (
          <Button
            size="small"
            type="link"
            icon={<EyeOutlined />}
            loading={busy}
            onClick={() => void reveal()}
            data-testid={`reveal-${testId}`}
          >
            {t('cases.detail.show')}
          </Button>
        ) : (
          <Button
            size="small"
            type="link"
            icon={<EyeInvisibleOutlined />}
            onClick={() => setValue(null)}
            data-testid={`hide-${testId}`}
          >
            {t('cases.detail.hide')}
          </Button>
        ))}
      {error && <Typography.Text type="danger">{error}</Typography.Text>}
    </Space>
  );
}

function FormData({ matter, values }: { matter: Matter; values: CaseDetail['formData'] }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const items: DescriptionsProps['items'] = matter.formFields
    .filter((field) => values[field.id] !== undefined && values[field.id] !== '')
    .map((field) => {
      const value = String(values[field.id]);
      const option = field.options?.find((o) => o.value === value);
      return { key: field.id, label: field.label[language], children: option ? option.label[language] : value };
    });
  if (items.length === 0) return null;
  return <Descriptions title={t('cases.detail.formData')} size="small" bordered column={1} items={items} />;
}

const OUTCOME_COLORS: Record<MaterialOutcome['outcome'], string> = {
  received: 'green',
  waived: 'blue',
  deferred: 'orange',
  not_provided: 'default',
};

function Materials({ matter, materials }: { matter: Matter | undefined; materials: CaseDetail['materials'] }) {
  const { t } = useTranslation();
  const language = useLanguage();
  // The contract carries outcomes loosely typed; the intake schema says what they are.
  const outcomes = materials.flatMap((m) => {
    const parsed = materialOutcomeSchema.safeParse(m);
    return parsed.success ? [parsed.data] : [];
  });
  const columns: TableColumnsType<MaterialOutcome> = [
    {
      title: t('cases.detail.material'),
      dataIndex: 'materialId',
      render: (id: string) => matter?.materials.find((m) => m.id === id)?.names[language] ?? id,
    },
    {
      title: t('cases.detail.outcome'),
      width: 300,
      render: (_, m) => (
        <Space size={4} wrap>
          <Tag color={OUTCOME_COLORS[m.outcome]}>{t(`cases.outcomes.${m.outcome}`)}</Tag>
          {m.outcome === 'received' &&
            m.forms.map((form) => (
              <Tag key={form} variant="outlined">
                {t(`cases.forms.${form}`)}
              </Tag>
            ))}
          {m.outcome === 'received' && m.pages !== undefined && (
            <Typography.Text type="secondary">{t('cases.detail.pages', { count: m.pages })}</Typography.Text>
          )}
          {m.outcome === 'waived' && (
            <Typography.Text type="secondary">
              {t('cases.detail.verificationRef', { ref: m.verificationRef })}
            </Typography.Text>
          )}
        </Space>
      ),
    },
  ];
  return (
    <section>
      <Typography.Title level={5}>{t('cases.detail.materials')}</Typography.Title>
      <Table<MaterialOutcome>
        size="small"
        rowKey="materialId"
        columns={columns}
        dataSource={outcomes}
        pagination={false}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} /> }}
        data-testid="case-materials"
      />
    </section>
  );
}

function CaseTimeline({ timeline, matter }: { timeline: CaseDetail['timeline']; matter: Matter | undefined }) {
  const { t } = useTranslation();
  return (
    <section data-testid="case-timeline">
      <Typography.Title level={5}>{t('cases.detail.timeline')}</Typography.Title>
      <Timeline
        items={timeline.map((entry) => ({
          key: entry.eventId,
          color: entry.syncedAt ? 'green' : 'gray',
          content: (
            <>
              <Space size={4} wrap>
                <Typography.Text strong>
                  {t(`cases.events.${entry.type}`, { defaultValue: entry.type })}
                </Typography.Text>
                {entry.syncedAt ? (
                  <Tag color="green">{t('cases.detail.synced')}</Tag>
                ) : (
                  <Tag>{t('cases.detail.notSynced')}</Tag>
                )}
              </Space>
              <EventDetails type={entry.type} details={entry.details} matter={matter} />
              <div>
                <WhenAndWho entry={entry} />
              </div>
            </>
          ),
        }))}
      />
    </section>
  );
}
