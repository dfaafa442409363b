// A case's 容缺 commitments on its detail, at the intake window and at the
// handling place alike: each deferred material with its due day and whether it
// came, a lapsed one called out above them, and the letter to reprint.
import { useTranslation } from 'react-i18next';
import { Alert, Space, Table, Tag, Typography } from 'antd';
import type { Matter } from '../../../shared/catalog/index.ts';
import { localDateTime } from '../../../shared/local-time.ts';
import type { CaseCommitment, CaseDetail } from '../../../shared/rpc/contract.ts';
import { useLanguage } from '../cases/format.ts';
import { CommitmentLetterButton } from './CommitmentLetter.tsx';

function State({ commitment }: { commitment: CaseCommitment }) {
  const { t } = useTranslation();
  if (commitment.receivedAt) {
    return <Tag color="green">{t('commitments.detail.received', { at: localDateTime(commitment.receivedAt) })}</Tag>;
  }
  return commitment.lapsed ? (
    <Tag color="red">{t('commitments.detail.lapsed')}</Tag>
  ) : (
    <Tag color="orange">{t('commitments.detail.open')}</Tag>
  );
}

export function CaseCommitments({ detail, matter }: { detail: CaseDetail; matter: Matter | undefined }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const { commitments } = detail;
  if (commitments.length === 0) return null;
  const name = (id: string): string => matter?.materials.find((m) => m.id === id)?.names[language] ?? id;
  const lapsed = commitments.filter((c) => c.lapsed);
  return (
    <section data-testid="case-commitments">
      <Space align="baseline" wrap style={{ width: '100%', justifyContent: 'space-between' }}>
        <Typography.Title level={5}>{t('commitments.detail.title')}</Typography.Title>
        <CommitmentLetterButton caseId={detail.row.caseId} />
      </Space>
      {lapsed.length > 0 && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 8 }}
          title={t('commitments.detail.lapsedAlert', { materials: lapsed.map((c) => name(c.materialId)).join('、') })}
          data-testid="commitments-lapsed"
        />
      )}
      <Table<CaseCommitment>
        size="small"
        rowKey="materialId"
        pagination={false}
        dataSource={commitments}
        columns={[
          { title: t('commitments.detail.material'), dataIndex: 'materialId', render: (id: string) => name(id) },
          { title: t('commitments.detail.dueDate'), dataIndex: 'dueDate', width: 130 },
          { title: t('commitments.detail.state'), width: 220, render: (_, c) => <State commitment={c} /> },
        ]}
        data-testid="case-commitments-table"
      />
    </section>
  );
}
