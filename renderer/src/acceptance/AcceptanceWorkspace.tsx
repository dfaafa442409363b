// 受理: the acceptance desk's inbox — cases taken in at other places for this
// region — opened and decided in the same case detail the intake window uses.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Typography } from 'antd';
import { CasesView } from '../cases/CasesView.tsx';
import { ReceiptDialog } from '../intake/Receipt.tsx';

export function AcceptanceWorkspace() {
  const { t } = useTranslation();
  const [receiptFor, setReceiptFor] = useState<string | null>(null);
  return (
    <div data-testid="workspace-acceptance">
      <Typography.Title level={5}>{t('actions.workspaceTitle')}</Typography.Title>
      <CasesView origin="inbox" onOpenReceipt={setReceiptFor} />
      {receiptFor && <ReceiptDialog caseId={receiptFor} onClose={() => setReceiptFor(null)} />}
    </div>
  );
}
