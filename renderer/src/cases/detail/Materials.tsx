// What the applicant brought: the materials check as intake recorded it, and
// the scans.
import { useTranslation } from 'react-i18next';
import { Empty, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import type { Matter } from '../../../../shared/catalog/index.ts';
import { materialOutcomeSchema, type MaterialOutcome } from '../../../../shared/case/intake.ts';
import type { CaseDetail } from '../../../../shared/rpc/contract.ts';
import { useLanguage } from '../format.ts';
import { ScanGallery } from '../Scans.tsx';

const OUTCOME_COLORS: Record<MaterialOutcome['outcome'], string> = {
  received: 'green',
  waived: 'blue',
  deferred: 'orange',
  not_provided: 'default',
};

export function Materials({ matter, materials }: { matter: Matter | undefined; materials: CaseDetail['materials'] }) {
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

export function CaseScans({ detail, matter }: { detail: CaseDetail; matter: Matter | undefined }) {
  const { t } = useTranslation();
  return (
    <section>
      <Typography.Title level={5}>{t('cases.detail.scans')}</Typography.Title>
      <ScanGallery caseId={detail.row.caseId} scans={detail.scans} matter={matter} />
    </section>
  );
}
