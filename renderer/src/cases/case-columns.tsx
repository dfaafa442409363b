// The case list's columns, made once per language, catalog and width: a
// keystroke in the search box re-renders the box, not the table's columns.
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Tag, Tooltip } from 'antd';
import type { TableColumnsType } from 'antd';
import { StarFilled, StarOutlined } from '@ant-design/icons';
import { clockOutcome } from '../../../shared/case/outcome.ts';
import { CASE_STATUSES, type CaseStatusCode, type SyncState } from '../../../shared/case/status.ts';
import { localDateTime } from '../../../shared/local-time.ts';
import type { CaseRow } from '../../../shared/rpc/contract.ts';
import { MarkTag } from './case-parts.tsx';
import { useLanguage, useMatters } from './format.ts';
import { Deadline, SyncTag } from './parts.tsx';

const MIN_MATTER_WIDTH = 200;
// Plain elements in the cells, antd's colour for secondary text: each search repaints every visible row,
// and Typography and Space cost more per cell than the text they hold.
const SECONDARY = { color: 'rgba(0, 0, 0, 0.45)' } as const;

/** The columns for a list `listWidth` wide, and the table's whole width. */
export function useCaseColumns(listWidth: number): { columns: TableColumnsType<CaseRow>; width: number } {
  const { t } = useTranslation();
  const language = useLanguage();
  const matters = useMatters();
  return useMemo(() => {
    // Two facts to a column where they belong together, so the matter keeps the room to be read whole.
    const columns: TableColumnsType<CaseRow> = [
      {
        title: (
          <>
            {t('cases.columns.caseNo')}
            <br />
            {t('cases.columns.receivedAt')}
          </>
        ),
        dataIndex: 'caseNo',
        width: 225,
        render: (caseNo: string, row) => (
          <>
            <div style={{ fontFamily: 'monospace', whiteSpace: 'nowrap' }}>{caseNo}</div>
            <span style={SECONDARY}>{localDateTime(row.receivedAt)}</span>
          </>
        ),
      },
      {
        title: (
          <>
            {t('cases.columns.applicant')}
            <br />
            {t('cases.columns.idNumber')}
          </>
        ),
        dataIndex: 'applicantName',
        width: 170,
        render: (name: string, row) => (
          <>
            <div>{name}</div>
            <span style={{ ...SECONDARY, whiteSpace: 'nowrap' }}>
              <span title={t(`identity.kinds.${row.applicantIdKind}`)}>{row.applicantId}</span>
            </span>
          </>
        ),
      },
      {
        // Wraps rather than cuts: the two pension transfers differ only after their first words.
        title: t('cases.columns.matter'),
        dataIndex: 'matterId',
        render: (matterId: string) => matters.get(matterId)?.names[language] ?? matterId,
      },
      {
        title: t('cases.columns.status'),
        dataIndex: 'status',
        width: 150,
        render: (status: CaseStatusCode, row) => (
          <span style={{ display: 'flex', flexWrap: 'wrap', gap: 2, alignItems: 'center' }}>
            <span>{t(`cases.statuses.${CASE_STATUSES[status]}`)}</span>
            <MarkTag mark={row.mark} />
            {row.correctionMark && (
              <Tag
                color={row.correctionMark === 'passed' ? 'red' : 'gold'}
                data-testid="case-correction-mark"
                data-state={row.correctionMark}
              >
                {t(row.correctionMark === 'passed' ? 'withdrawal.mark.tag' : 'withdrawal.mark.dueTag')}
              </Tag>
            )}
            {row.evaluation !== null && row.evaluation <= 2 && (
              <Tag color="magenta" data-testid="case-bad-rating">
                {t('actions.badRatingTag')}
              </Tag>
            )}
            {row.unreadNotes > 0 && (
              <Tag color="blue" data-testid="case-unread">
                {t('actions.unread', { count: row.unreadNotes })}
              </Tag>
            )}
          </span>
        ),
      },
      {
        title: t('cases.columns.syncState'),
        dataIndex: 'syncState',
        width: 120,
        render: (state: SyncState, row: CaseRow) => <SyncTag state={state} noRoute={row.noRoute} />,
      },
      {
        // A star for a header keeps the column narrow in every language.
        title: (
          <Tooltip title={t('cases.columns.priority')}>
            <StarOutlined aria-label={t('cases.columns.priority')} />
          </Tooltip>
        ),
        dataIndex: 'priority',
        width: 44,
        render: (priority: boolean) =>
          priority && (
            <Tooltip title={t('cases.priority')}>
              <StarFilled style={{ color: '#d48806' }} aria-label={t('cases.priority')} />
            </Tooltip>
          ),
      },
      {
        title: t('cases.columns.deadline'),
        dataIndex: 'promisedDeadline',
        width: 180,
        render: (deadline: string | null, row) => (
          <Deadline
            date={deadline}
            provisional={row.deadlineProvisional}
            emptyText="—"
            outcome={clockOutcome({
              status: row.status,
              concludedDay: null,
              promised: row.promisedDeadline,
              statutory: row.statutoryDeadline,
            })}
          />
        ),
      },
    ];
    // The matter column takes whatever width the others leave.
    const fixedWidth = columns.reduce((sum, column) => sum + (Number(column.width) || 0), 0);
    const matterColumn = columns.find((column) => 'dataIndex' in column && column.dataIndex === 'matterId')!;
    matterColumn.width = Math.max(MIN_MATTER_WIDTH, listWidth - fixedWidth - 1);
    return { columns, width: fixedWidth + Number(matterColumn.width) };
  }, [t, language, matters, listWidth]);
}
