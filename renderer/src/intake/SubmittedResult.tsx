// The intake went in: its case number, the receipt to print, and a new intake.
import { useTranslation } from 'react-i18next';
import { Button, Result, Typography } from 'antd';

export function SubmittedResult({
  done,
  onKeyDown,
  onOpenReceipt,
  onNew,
}: {
  done: { caseId: string; caseNo: string };
  /** The wizard's keys still work here (Alt+N starts a new intake). */
  onKeyDown(e: React.KeyboardEvent): void;
  onOpenReceipt(): void;
  onNew(): void;
}) {
  const { t } = useTranslation();
  return (
    <div onKeyDown={onKeyDown} tabIndex={-1}>
      <Result
        status="success"
        title={t('intake.submitted')}
        subTitle={
          <span>
            {t('intake.caseNo')}:{' '}
            <Typography.Text strong copyable data-testid="submitted-case-no">
              {done.caseNo}
            </Typography.Text>
          </span>
        }
        extra={[
          <Button key="receipt" type="primary" autoFocus onClick={onOpenReceipt} data-testid="open-receipt">
            {t('intake.printReceipt')}
          </Button>,
          <Button key="new" onClick={onNew} data-testid="new-intake">
            {t('intake.newIntake')}
          </Button>,
        ]}
      />
    </div>
  );
}
