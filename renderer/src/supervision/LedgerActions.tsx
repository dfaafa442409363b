// What can be done with the ledger on screen: log a consultation, export it
// as xlsx or CSV, open the print, and (with personal.export) unmask it after a
// confirmation that says the reading is audited.
import { useTranslation } from 'react-i18next';
import { Button, Flex, Space, Switch, type Modal } from 'antd';
import { PrinterOutlined } from '@ant-design/icons';
import type { LedgerFilter } from '../../../shared/supervision/schemas.ts';
import { rpc } from '../rpc.ts';
import { useSession } from '../session/session.tsx';
import { ConsultationButton } from './ConsultationButton.tsx';
import { ExportButtons } from './parts.tsx';

/** Confirmation dialogs opened through the tab's Modal.useModal, whose holder the tab places. */
type ModalApi = ReturnType<typeof Modal.useModal>[0];

export function LedgerActions({
  modal,
  query,
  ready,
  unmasked,
  onUnmasked,
  onLogged,
  onPrint,
}: {
  modal: ModalApi;
  /** The ledger's query as the exports repeat it. */
  query: LedgerFilter & { unmasked: boolean };
  /** A ledger is on screen to export or print. */
  ready: boolean;
  unmasked: boolean;
  onUnmasked(on: boolean): void;
  onLogged(): void;
  onPrint(): void;
}) {
  const { t } = useTranslation();
  const { can } = useSession();

  const askUnmasked = (on: boolean): void => {
    if (!on) return onUnmasked(false);
    void modal.confirm({
      title: t('supervision.ledger.unmaskTitle'),
      content: <span data-testid="ledger-unmask-confirm">{t('supervision.ledger.unmaskBody')}</span>,
      okText: t('supervision.ledger.unmaskOk'),
      okButtonProps: { danger: true, 'data-testid': 'ledger-unmask-ok' },
      onOk: () => onUnmasked(true),
    });
  };

  return (
    <Flex gap={8} wrap align="center">
      <ConsultationButton onLogged={onLogged} />
      <ExportButtons
        testId="ledger-export"
        disabled={!ready}
        exportAs={(format) => rpc('supervision.exportLedger', { ...query, format })}
      />
      <Button icon={<PrinterOutlined />} disabled={!ready} onClick={onPrint} data-testid="ledger-print-open">
        {t('supervision.ledger.print')}
      </Button>
      {can('personal.export') && (
        <Space size={4}>
          <Switch checked={unmasked} onChange={askUnmasked} data-testid="ledger-unmasked" />
          <span>{t('supervision.ledger.unmasked')}</span>
        </Space>
      )}
    </Flex>
  );
}
