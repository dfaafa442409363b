// The intake went in: its case number, the receipt to print (and the
// commitment letter where materials were deferred), and a new intake (Alt+N,
// taken by the workspace).
import type { Ref } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Result, Typography } from 'antd';
import { CommitmentLetterButton } from '../commitments/CommitmentLetter.tsx';

export function SubmittedResult({
  done,
  deferred,
  newIntakeRef,
  onOpenReceipt,
  onNew,
}: {
  done: { caseId: string; caseNo: string };
  /** Materials were deferred: the applicant signs a commitment letter too. */
  deferred: boolean;
  /** Where the focus goes once the receipt is closed: Enter then starts the next applicant. */
  newIntakeRef: Ref<HTMLButtonElement>;
  onOpenReceipt(): void;
  onNew(): void;
}) {
  const { t } = useTranslation();
  return (
    <div>
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
          ...(deferred ? [<CommitmentLetterButton key="commitment" caseId={done.caseId} />] : []),
          <Button key="new" ref={newIntakeRef} onClick={onNew} data-testid="new-intake">
            {t('intake.newIntake')}
          </Button>,
        ]}
      />
    </div>
  );
}
