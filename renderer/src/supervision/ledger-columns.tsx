// The ledger's two tables, column by column: the day's cases with what was
// done to each, and the day's consultations.
import { useTranslation } from 'react-i18next';
import { Space, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import type { Matter } from '../../../shared/catalog/schema.ts';
import { CASE_STATUSES, type CaseStatusCode } from '../../../shared/case/status.ts';
import { regionName } from '../../../shared/regions.ts';
import type { Consultation, LedgerRow } from '../../../shared/supervision/schemas.ts';
import { MarkTag } from '../cases/case-parts.tsx';
import { Deadline } from '../cases/parts.tsx';
import { clockOutcome } from '../../../shared/case/outcome.ts';
import { useLanguage } from '../cases/format.ts';
import { localDateTime } from '../../../shared/local-time.ts';

export function useLedgerColumns(matters: ReadonlyMap<string, Matter>): {
  columns: TableColumnsType<LedgerRow>;
  consultationColumns: TableColumnsType<Consultation>;
} {
  const { t } = useTranslation();
  const language = useLanguage();
  const matterName = (id: string): string => matters.get(id)?.names[language] ?? id;

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
          <Typography.Text type="secondary">{localDateTime(row.receivedAt)}</Typography.Text>
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
        <Deadline
          date={deadline}
          provisional={row.deadlineProvisional}
          emptyText="—"
          outcome={clockOutcome({ status: row.status, concludedDay: null, promised: deadline, statutory: null })}
        />
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
              <Typography.Text type="secondary">{localDateTime(a.at).slice(11)}</Typography.Text>{' '}
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
      render: (at: string) => localDateTime(at),
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

  return { columns, consultationColumns };
}
