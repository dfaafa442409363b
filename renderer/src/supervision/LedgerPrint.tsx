// The ledger printed or saved as PDF (LedgerDocument, through the notices'
// print preview) on landscape A4, each output recorded with
// supervision.recordLedgerPrint.
import { useTranslation } from 'react-i18next';
import type { Matter } from '../../../shared/catalog/schema.ts';
import type { Ledger } from '../../../shared/supervision/schemas.ts';
import { PrintPreview } from '../notices/print.tsx';
import { rpc } from '../rpc.ts';
import { useSession } from '../session/session.tsx';
import { LedgerDocument } from './LedgerDocument.tsx';

export function LedgerPrint({
  ledger,
  matters,
  printedAt,
  onClose,
}: {
  ledger: Ledger;
  matters: ReadonlyMap<string, Matter>;
  printedAt: string;
  onClose(): void;
}) {
  const { t } = useTranslation();
  const { info } = useSession();
  if (!info) return null;
  return (
    <PrintPreview
      testId="ledger"
      title={t('supervision.print.title')}
      error={null}
      ready={{
        fileName: `ledger-${ledger.day}${ledger.watermark ? '-unmasked' : ''}`,
        landscape: true,
        render: (copy) => (
          <LedgerDocument
            ledger={ledger}
            matters={matters}
            device={info.device}
            printedBy={info.user.displayName}
            printedAt={printedAt}
            copy={copy}
          />
        ),
      }}
      record={(output, outcome) =>
        rpc('supervision.recordLedgerPrint', { day: ledger.day, output, outcome, unmasked: ledger.watermark !== null })
      }
      onClose={onClose}
    />
  );
}
