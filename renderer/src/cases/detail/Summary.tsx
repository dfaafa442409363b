// The head of a case's detail: where it stands, where it is handled and was
// taken in, by whom and by when; and what this place owes it now.
import { useTranslation } from 'react-i18next';
import { Alert, Descriptions, Space, Tag, Typography } from 'antd';
import type { DescriptionsProps } from 'antd';
import type { Matter } from '../../../../shared/catalog/index.ts';
import { CASE_STATUSES } from '../../../../shared/case/status.ts';
import { regionName } from '../../../../shared/regions.ts';
import type { CaseDetail } from '../../../../shared/rpc/contract.ts';
import { useLanguage } from '../format.ts';
import { detailOutcome } from '../case-parts.tsx';
import { Deadline, SyncTag } from '../parts.tsx';
import { localDateTime } from '../../../../shared/local-time.ts';

export function CaseSummary({ detail, matter }: { detail: CaseDetail; matter: Matter | undefined }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const { row } = detail;
  const place = detail.intakePlace;
  const outcome = detailOutcome(detail);
  const items: DescriptionsProps['items'] = [
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
    { key: 'received', label: t('cases.detail.receivedAt'), children: localDateTime(row.receivedAt) },
    {
      key: 'promised',
      label: t('cases.detail.promisedDeadline'),
      children: (
        <Deadline
          date={row.promisedDeadline}
          provisional={row.deadlineProvisional}
          emptyText={t('cases.detail.noDeadline')}
          outcome={outcome}
        />
      ),
    },
    {
      key: 'statutory',
      label: t('cases.detail.statutoryDeadline'),
      children: (
        <Deadline date={row.statutoryDeadline} provisional={row.deadlineProvisional} emptyText="—" outcome={outcome} />
      ),
    },
  ];
  return <Descriptions size="small" bordered column={2} items={items} />;
}

/** What this place owes the case now, said plainly at the top. */
export function ToDo({ detail }: { detail: CaseDetail }) {
  const { t } = useTranslation();
  const { row } = detail;
  const todo =
    row.origin === 'intake' && row.status === 6
      ? 'correction'
      : row.origin === 'intake' && row.subState === 'awaiting_pickup'
        ? 'pickup'
        : row.origin === 'inbox' && row.status === 1 && row.subState === 'delivered'
          ? 'signFor'
          : null;
  if (!todo) return null;
  return <Alert type="warning" showIcon title={t(`actions.todo.${todo}`)} data-testid="case-todo" />;
}
