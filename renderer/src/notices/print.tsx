// What every printed document shares: times in the document's language, the
// table cells, and the dialog that previews it and prints it to the configured
// printer or to a PDF, recording each print (a case's documents on the case).
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { createPortal } from 'react-dom';
import { useTranslation } from 'react-i18next';
import { Alert, Button, Modal, Space, Spin } from 'antd';
import type { PrintedDocument, PrintOutcome } from '../../../shared/rpc/contract.ts';
import { api } from '../backend.ts';
import { describeError, rpc } from '../rpc.ts';
import { useSession } from '../session/session.tsx';

// Dates and times on paper in the official form (2026年12月6日 14:05, 6 December 2026, 14:05).
export { officialDate as formatDate, officialDateTime as formatTime } from '../../../shared/official-date.ts';

export const cell = { border: '1px solid #333', padding: '6px 8px', verticalAlign: 'top' } as const;
export const head = { ...cell, width: '26%', background: '#f3f3f3', fontWeight: 600 } as const;

/** Label and value rows, the body of every printed document. */
export function FieldTable({ rows }: { rows: [string, ReactNode][] }) {
  return (
    <table style={{ width: '100%', borderCollapse: 'collapse', marginTop: 12 }}>
      <tbody>
        {rows.map(([label, value]) => (
          <tr key={label}>
            <th style={head}>{label}</th>
            <td style={cell}>{value}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export type Copy = 'screen' | 'print';

interface PrintPreviewProps {
  /** Test ids `${testId}-dialog`, `${testId}-print`, `${testId}-pdf` and `${testId}-close`. */
  testId: string;
  title: string;
  error: string | null;
  /** Null while the document loads: the file a PDF is saved as (no extension), and the document. */
  ready: { fileName: string; landscape?: boolean; render(copy: Copy): ReactNode } | null;
  /** Records a print that went through, or was asked of the browser's dialog (every print is recorded). */
  record(output: 'printer' | 'pdf', outcome: PrintOutcome): Promise<unknown>;
  onClose(): void;
  /** Shown above the document on screen only: a note, or another way to complete it (a signature pad). */
  extra?: ReactNode;
}

/** A document of a case, its print recorded on the case. */
export function PrintDialog({
  caseId,
  kind,
  ...props
}: Omit<PrintPreviewProps, 'record'> & { caseId: string; kind: PrintedDocument }) {
  return (
    <PrintPreview
      {...props}
      record={(output, outcome) => rpc('cases.recordPrint', { caseId, document: kind, output, outcome })}
    />
  );
}

/**
 * The document on screen, and a second copy in #print-root, the only part of
 * the page that goes to paper (global.css).
 */
export function PrintPreview({ testId, title, error, ready, record, onClose, extra }: PrintPreviewProps) {
  const { t } = useTranslation();
  const session = useSession();
  // Enter prints: 打印 has the focus once the document is there (the dialog would give it to its ×),
  // and after a print 关闭 has it, so Enter then moves on.
  const printButton = useRef<HTMLButtonElement>(null);
  const closeButton = useRef<HTMLButtonElement>(null);
  const loaded = ready !== null;
  // Once a print has started, 关闭 has the focus: an opening motion that ends after a quick Enter must
  // not hand it back to 打印, where the next Enter would print again.
  const printed = useRef(false);
  const focusPrint = (): void => {
    if (loaded && !printed.current) printButton.current?.focus();
  };
  // Whichever comes last: the document loaded, or the dialog's opening motion ended.
  useEffect(focusPrint, [loaded]);

  // A print whose record the backend refused (the session ended, …) says so in the dialog.
  const [printError, setPrintError] = useState<string | null>(null);
  const print = async (target: 'printer' | 'pdf'): Promise<void> => {
    if (!ready) return;
    printed.current = true;
    setPrintError(null);
    const printer = session.info?.device.receiptPrinter;
    try {
      const result = await api.print({
        target,
        fileName: ready.fileName,
        ...(ready.landscape ? { landscape: true } : {}),
        ...(printer ? { deviceName: printer } : {}),
      });
      if (result.ok) await record(target, result.outcome);
    } catch (e) {
      setPrintError(describeError(e, t));
    }
  };

  return (
    <Modal
      open
      width={860}
      centered
      // The document scrolls inside the dialog, so its buttons stay on a 1366×768 screen.
      styles={{ body: { maxHeight: 'calc(100vh - 200px)', overflowY: 'auto' } }}
      onCancel={onClose}
      afterOpenChange={(open) => open && focusPrint()}
      title={title}
      data-testid={`${testId}-dialog`}
      footer={
        <Space>
          <Button
            ref={printButton}
            type="primary"
            disabled={!ready}
            onClick={() => void print('printer').finally(() => closeButton.current?.focus())}
            data-testid={`${testId}-print`}
          >
            {t('receipt.print')}
          </Button>
          <Button
            disabled={!ready}
            onClick={() => void print('pdf').finally(() => closeButton.current?.focus())}
            data-testid={`${testId}-pdf`}
          >
            {t('receipt.savePdf')}
          </Button>
          <Button ref={closeButton} onClick={onClose} data-testid={`${testId}-close`}>
            {t('receipt.close')}
          </Button>
        </Space>
      }
    >
      {(error ?? printError) && (
        <Alert type="error" showIcon title={error ?? printError} data-testid={`${testId}-error`} />
      )}
      {extra}
      {!ready && !error && <Spin />}
      {ready?.render('screen')}
      {ready && createPortal(ready.render('print'), printRoot())}
    </Modal>
  );
}

function printRoot(): HTMLElement {
  let root = document.getElementById('print-root');
  if (!root) {
    root = document.createElement('div');
    root.id = 'print-root';
    document.body.appendChild(root);
  }
  return root;
}
