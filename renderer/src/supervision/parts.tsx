// Pieces the supervisor's tabs and the audit log share.
import { useState, type HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Space, message } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { EXPORT_FORMATS } from '../../../shared/supervision/schemas.ts';
import type { MethodOutput } from '../../../shared/rpc/contract.ts';
import { describeError } from '../rpc.ts';
import { download } from './files.ts';

type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** Buttons `${testId}-xlsx` and `${testId}-csv`: the backend writes the file, the browser saves it. */
export function ExportButtons({
  testId,
  disabled = false,
  exportAs,
}: {
  testId: string;
  disabled?: boolean;
  exportAs(format: ExportFormat): Promise<MethodOutput<'supervision.exportLedger'>>;
}) {
  const { t } = useTranslation();
  const [toast, toastHolder] = message.useMessage();
  const [busy, setBusy] = useState<ExportFormat | null>(null);
  const run = async (format: ExportFormat): Promise<void> => {
    setBusy(format);
    try {
      const file = await exportAs(format);
      download(file);
      void toast.success(t('supervision.files.saved', { file: file.fileName }));
    } catch (e) {
      void toast.error(describeError(e, t));
    } finally {
      setBusy(null);
    }
  };
  return (
    <Space>
      {toastHolder}
      {EXPORT_FORMATS.map((format) => (
        <Button
          key={format}
          icon={<DownloadOutlined />}
          loading={busy === format}
          disabled={disabled || (busy !== null && busy !== format)}
          onClick={() => void run(format)}
          data-testid={`${testId}-${format}`}
        >
          {t(`supervision.files.${format}`)}
        </Button>
      ))}
    </Space>
  );
}

/** A case number that opens the case. */
export function CaseNoLink({ caseNo, onOpen }: { caseNo: string; onOpen(): void }) {
  return (
    <Button
      type="link"
      size="small"
      style={{ padding: 0, fontFamily: 'monospace', whiteSpace: 'nowrap' }}
      onClick={(e) => {
        // Inside a clickable row, the row must not open it a second time.
        e.stopPropagation();
        onOpen();
      }}
      data-testid="case-no-link"
    >
      {caseNo}
    </Button>
  );
}

/** data-* attributes for a table row (antd's onRow types know only the standard ones). */
export function rowData(attributes: Record<`data-${string}`, string | number>): HTMLAttributes<HTMLElement> {
  return attributes;
}
