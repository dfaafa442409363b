// The five-day correction mark beside the case's clock: while the application
// waits for a correction notice or a decision, the day it must come by; once
// the mark has gone by without one, that the application counts as accepted
// from the day of receipt, for as long as the case is looked at.
import { useTranslation } from 'react-i18next';
import { Alert, Space, Tag, Typography } from 'antd';
import type { CaseDetail } from '../../../shared/rpc/contract.ts';

export function CorrectionMarkLine({ detail }: { detail: Pick<CaseDetail, 'correctionMark' | 'row'> }) {
  const { t } = useTranslation();
  const mark = detail.correctionMark;
  if (!mark) return null;
  if (mark.state === 'passed') {
    return (
      <Alert
        type="error"
        showIcon
        data-testid="correction-mark"
        data-state="passed"
        title={
          <Space wrap>
            <Tag color="red" data-testid="deemed-accepted">
              {t('withdrawal.mark.tag')}
            </Tag>
            {t('withdrawal.mark.passed', { date: mark.markDay, received: mark.receivedDay })}
          </Space>
        }
      />
    );
  }
  // Only a case still waiting at receipt shows the count: a notice or a decision has answered it.
  if (mark.state === 'met' || detail.row.status !== 1) return null;
  return (
    <Space wrap data-testid="correction-mark" data-state={mark.state}>
      <Typography.Text strong>{t('withdrawal.mark.title')}</Typography.Text>
      <Typography.Text type={mark.state === 'due' ? 'warning' : undefined}>
        {t(`withdrawal.mark.${mark.state}`, { day: mark.workingDay, date: mark.markDay })}
      </Typography.Text>
    </Space>
  );
}
