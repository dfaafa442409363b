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
import { QueueTimesLine } from './queue-times.tsx';

/**
 * Widths that hold each column's longest unbreakable piece (a case number, a masked ID, a tag) in all three
 * languages, so that all of them fit the counter's 1366-pixel screen beside the navigation; the day's
 * activities take what is left, and at least ACTIVITIES_MIN_WIDTH.
 */
const WIDTHS = {
  caseNo: 210,
  matter: 130,
  applicant: 150,
  status: 95,
  deadline: 105,
  clerk: 80,
  partnerRegion: 100,
  evaluation: 95,
} as const;
const ACTIVITIES_MIN_WIDTH = 140;
/** The ledger table scrolls sideways only in a window narrower than this. */
export const LEDGER_MIN_WIDTH = Object.values(WIDTHS).reduce((sum, w) => sum + w, ACTIVITIES_MIN_WIDTH);

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
      width: WIDTHS.caseNo,
      render: (caseNo: string, row) => (
        <>
          <div style={{ fontFamily: 'monospace', fontSize: 13, whiteSpace: 'nowrap' }}>{caseNo}</div>
          <Typography.Text type="secondary">{localDateTime(row.receivedAt)}</Typography.Text>
          <QueueTimesLine row={row} />
        </>
      ),
    },
    {
      title: t('supervision.export.columns.matter'),
      dataIndex: 'matterId',
      width: WIDTHS.matter,
      render: (id: string) => matterName(id),
    },
    {
      title: t('supervision.export.columns.applicant'),
      key: 'applicant',
      width: WIDTHS.applicant,
      render: (_, row) => (
        <>
          <div data-testid="ledger-applicant-name">{row.applicantName}</div>
          <Typography.Text type="secondary" style={{ whiteSpace: 'nowrap' }} data-testid="ledger-applicant-id">
            {row.applicantId}
          </Typography.Text>
          {row.identitySource && (
            <div>
              <Typography.Text type="secondary" data-testid="ledger-identity-source">
                {t(`idCard.source.${row.identitySource}`)}
              </Typography.Text>
            </div>
          )}
        </>
      ),
    },
    {
      title: t('supervision.export.columns.status'),
      dataIndex: 'status',
      width: WIDTHS.status,
      render: (status: CaseStatusCode, row) => (
        <>
          <div>{t(`cases.statuses.${CASE_STATUSES[status]}`)}</div>
          <Typography.Text type="secondary">{t(`cases.subStates.${row.subState}`)}</Typography.Text>
        </>
      ),
    },
    {
      // The deadline with its warning beneath: one column, and the date's tag may go under the date.
      title: (
        <>
          {t('supervision.export.columns.deadline')}
          <br />
          {t('supervision.export.columns.mark')}
        </>
      ),
      dataIndex: 'deadline',
      width: WIDTHS.deadline,
      render: (deadline: string | null, row) => (
        <div className="tb-wrap-inline">
          <Deadline
            date={deadline}
            provisional={row.deadlineProvisional}
            emptyText="—"
            outcome={clockOutcome({ status: row.status, concludedDay: null, promised: deadline, statutory: null })}
          />
          <div>
            <MarkTag mark={row.mark} />
          </div>
        </div>
      ),
    },
    {
      title: t('supervision.export.columns.clerk'),
      dataIndex: 'clerk',
      width: WIDTHS.clerk,
      render: (clerk: string | null) => clerk ?? <Tag>{t('supervision.export.stats.otherPlace')}</Tag>,
    },
    {
      title: t('supervision.export.columns.partnerRegion'),
      dataIndex: 'partnerRegion',
      width: WIDTHS.partnerRegion,
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
      width: WIDTHS.evaluation,
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
