// 容缺待补: the intake window's to-do of deferred materials still owed,
// soonest due first, overdue ones marked. A row opens its case, where the
// clerk records the material brought in (容缺材料补交, with its scan); the
// list follows whenever a case changes.
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, Button, Space, Table, Tag, Typography } from 'antd';
import type { OpenCommitment } from '../../../shared/rpc/contract.ts';
import { api } from '../backend.ts';
import { CaseDetailDrawer } from '../cases/CaseDetail.tsx';
import { useLanguage, useMatters } from '../cases/format.ts';
import { describeError, rpc } from '../rpc.ts';

function DueState({ daysOverdue }: { daysOverdue: number }) {
  const { t } = useTranslation();
  if (daysOverdue > 0) {
    return (
      <Tag color="red" data-testid="commitment-overdue">
        {t('commitments.todo.overdue', { count: daysOverdue })}
      </Tag>
    );
  }
  if (daysOverdue === 0) return <Tag color="orange">{t('commitments.todo.dueToday')}</Tag>;
  return <Tag>{t('commitments.todo.dueIn', { count: -daysOverdue })}</Tag>;
}

export function CommitmentsTab({ onOpenReceipt }: { onOpenReceipt(caseId: string): void }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const matters = useMatters();
  const [items, setItems] = useState<OpenCommitment[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [openCaseId, setOpenCaseId] = useState<string | null>(null);

  const load = useCallback(
    () =>
      rpc('commitments.open', {}).then(
        (answer) => {
          setItems(answer.items);
          setError(null);
        },
        (e: unknown) => setError(describeError(e, t)),
      ),
    [t],
  );
  useEffect(() => void load(), [load]);
  useEffect(() => api.on('cases.changed', () => void load()), [load]);

  const materialName = (c: OpenCommitment): string =>
    matters.get(c.matterId)?.materials.find((m) => m.id === c.materialId)?.names[language] ?? c.materialId;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="commitments-tab">
      {error && <Alert type="error" showIcon title={error} />}
      <Space>
        <Typography.Text data-testid="commitments-total" data-count={items?.length ?? 0}>
          {t('commitments.todo.total', { count: items?.length ?? 0 })}
        </Typography.Text>
        <Button size="small" onClick={() => void load()} data-testid="commitments-refresh">
          {t('commitments.todo.refresh')}
        </Button>
      </Space>
      <Table<OpenCommitment>
        size="small"
        rowKey={(c) => `${c.caseId}:${c.materialId}`}
        loading={items === null && error === null}
        dataSource={items ?? []}
        pagination={false}
        locale={{ emptyText: t('commitments.todo.empty') }}
        rowClassName={(c) => (c.daysOverdue > 0 ? 'commitment-overdue' : '')}
        columns={[
          { title: t('commitments.todo.columns.caseNo'), dataIndex: 'caseNo', width: 230 },
          { title: t('commitments.todo.columns.applicant'), dataIndex: 'applicantName', width: 110 },
          {
            title: t('commitments.todo.columns.matter'),
            dataIndex: 'matterId',
            render: (id: string) => matters.get(id)?.names[language] ?? id,
          },
          { title: t('commitments.todo.columns.material'), render: (_, c) => materialName(c) },
          { title: t('commitments.todo.columns.dueDate'), dataIndex: 'dueDate', width: 120 },
          {
            title: t('commitments.todo.columns.state'),
            width: 150,
            render: (_, c) => <DueState daysOverdue={c.daysOverdue} />,
          },
          {
            title: '',
            width: 130,
            render: (_, c) => (
              <Button
                size="small"
                onClick={() => setOpenCaseId(c.caseId)}
                data-testid={`commitment-receive-${c.caseNo}`}
              >
                {t('commitments.todo.receive')}
              </Button>
            ),
          },
        ]}
        data-testid="commitments-table"
      />
      <CaseDetailDrawer
        caseId={openCaseId}
        matters={matters}
        onClose={() => setOpenCaseId(null)}
        onOpenReceipt={onOpenReceipt}
      />
    </Space>
  );
}
