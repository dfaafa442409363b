// One open warning in the day's close, with the comment the supervisor must
// give it before signing.
import { useTranslation } from 'react-i18next';
import { Flex, Input, List, Space, Tag, Typography } from 'antd';
import type { Warning } from '../../../shared/supervision/schemas.ts';
import { CaseNoLink } from './parts.tsx';
import { SINCE_IS_DAY, warningReason } from './WarningsTab.tsx';

const MAX_COMMENT = 500;

export function CloseWarning({
  warning,
  matter,
  comment,
  missing,
  onComment,
  onOpenCase,
}: {
  warning: Warning;
  matter: string;
  comment: string;
  missing: boolean;
  onComment(text: string): void;
  onOpenCase(caseId: string): void;
}) {
  const { t } = useTranslation();
  return (
    <List.Item data-testid="close-warning" data-key={warning.key} data-kind={warning.kind}>
      <Flex vertical gap={6} style={{ width: '100%' }}>
        <Space wrap size={8}>
          <Tag color={warning.kind === 'deadline_yellow' ? 'gold' : 'red'}>
            {t(`supervision.warnings.kinds.${warning.kind}`)}
          </Tag>
          <CaseNoLink caseNo={warning.caseNo} onOpen={() => onOpenCase(warning.caseId)} />
          <Typography.Text type="secondary">
            {matter} · {t(`supervision.warnings.days.${SINCE_IS_DAY.has(warning.kind) ? warning.kind : 'other'}`)}{' '}
            {warning.days}
          </Typography.Text>
          {warning.kind === 'quarantined' && (
            <Typography.Text type="danger">{warningReason(warning.reason, t)}</Typography.Text>
          )}
        </Space>
        <Input.TextArea
          rows={2}
          maxLength={MAX_COMMENT}
          value={comment}
          status={missing ? 'error' : undefined}
          placeholder={t('supervision.close.comment')}
          aria-label={t('supervision.close.comment')}
          onChange={(e) => onComment(e.target.value)}
          data-testid={`close-comment-${warning.key}`}
        />
      </Flex>
    </List.Item>
  );
}
