// Picking a JSON file to import (a calendar, a catalog, a register): the
// button, its hidden file input, and the file read as text.
import { useRef } from 'react';
import { Button } from 'antd';
import { UploadOutlined } from '@ant-design/icons';

export function readText(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error ?? new Error('read'));
    reader.readAsText(file);
  });
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
