// Printing what a window shows (receipts, notices): silently to the configured
// printer, or to a PDF the user saves. The request is validated: it comes from
// the renderer.
import { writeFile } from 'node:fs/promises';
import { BrowserWindow, dialog, type IpcMainInvokeEvent } from 'electron';
import { z } from 'zod';
import type { PrintResult } from '../../shared/rpc/client.ts';

const printRequest = z.object({
  target: z.enum(['printer', 'pdf']),
  deviceName: z.string().max(200).optional(),
  fileName: z
    .string()
    .max(120)
    .regex(/^[^/\\:*?"<>|]+$/),
  landscape: z.boolean().optional(),
});

export async function handlePrint(event: IpcMainInvokeEvent, raw: unknown): Promise<PrintResult> {
  const window = BrowserWindow.fromWebContents(event.sender);
  const request = printRequest.safeParse(raw);
  if (!window || !request.success) return { ok: false, error: 'invalid_request' };
  const { target, deviceName, fileName, landscape = false } = request.data;
  if (target === 'printer') {
    // A print that failed or was cancelled ('cancelled') produced nothing and is recorded as nothing: the
    // audit says what left the window on paper, and a cancelled print left nothing.
    return new Promise((resolve) =>
      window.webContents.print(
        { silent: true, printBackground: true, pageSize: 'A4', landscape, deviceName },
        (ok, reason) => resolve(ok ? { ok, outcome: 'printed' } : { ok, error: reason }),
      ),
    );
  }
  // The page's @page rules decide the PDF's size, orientation and margins, and draw its page numbers.
  const pdf = await window.webContents.printToPDF({
    pageSize: 'A4',
    landscape,
    printBackground: true,
    preferCSSPageSize: true,
  });
  const { canceled, filePath } = await dialog.showSaveDialog(window, {
    defaultPath: `${fileName}.pdf`,
    filters: [{ name: 'PDF', extensions: ['pdf'] }],
  });
  if (canceled || !filePath) return { ok: false, error: 'canceled' };
  await writeFile(filePath, pdf);
  return { ok: true, outcome: 'saved', path: filePath };
}
