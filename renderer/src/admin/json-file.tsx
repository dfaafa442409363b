// Picking a JSON file to import (a calendar, a catalog, a register): the
// button, its hidden file input, and the file read as text.
import { useRef } from 'react';
import { Button } from 'antd';
import { UploadOutlined } from '@ant-design/icons';

function readText(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error ?? new Error('read'));
    reader.readAsText(file);
  });
}

/** What an import screen shows while a file is read, checked and sent. */
export interface ImportUi {
  setBusy(busy: boolean): void;
  setError(message: string | null): void;
  /** The backend's refusal, translated. */
  describe(error: unknown): string;
}

/**
 * Reads a picked file as text, checks it where the screen can, and sends it:
 * busy throughout, and one error line for a file that cannot be read, a
 * problem found here, or the backend's refusal — nothing is sent half-read.
 */
export async function importText(
  file: File,
  steps: { readFailed: string; problem?(text: string): string | null; send(text: string): Promise<void> },
  ui: ImportUi,
): Promise<void> {
  ui.setBusy(true);
  ui.setError(null);
  try {
    let text: string;
    try {
      text = await readText(file);
    } catch {
      ui.setError(steps.readFailed);
      return;
    }
    const problem = steps.problem?.(text) ?? null;
    if (problem) {
      ui.setError(problem);
      return;
    }
    await steps.send(text);
  } catch (e) {
    ui.setError(ui.describe(e));
  } finally {
    ui.setBusy(false);
  }
}

/** `{name}-import` opens the picker (`{name}-file`); the same file can be picked again once it was fixed. */
export function JsonFileButton({
  name,
  label,
  busy,
  onFile,
}: {
  name: string;
  label: string;
  busy: boolean;
  onFile(file: File): Promise<void>;
}) {
  const picker = useRef<HTMLInputElement>(null);
  return (
    <>
      <input
        ref={picker}
        type="file"
        accept=".json,application/json"
        hidden
        data-testid={`${name}-file`}
        onChange={(e) => {
          const file = e.target.files?.[0];
          if (!file) return;
          void onFile(file).finally(() => {
            if (picker.current) picker.current.value = '';
          });
        }}
      />
      <Button
        icon={<UploadOutlined />}
        loading={busy}
        onClick={() => picker.current?.click()}
        data-testid={`${name}-import`}
      >
        {label}
      </Button>
    </>
  );
}
