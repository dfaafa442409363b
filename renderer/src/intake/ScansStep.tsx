import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, Button, Empty, List, Progress, Select, Space, Typography } from 'antd';
import { FilePdfOutlined } from '@ant-design/icons';
import type { Language } from '../../../shared/languages.ts';
import { MAX_SCAN_BYTES } from '../../../shared/rpc/contract.ts';
import { describeError } from '../rpc.ts';
import { DocumentCamera } from './camera/DocumentCamera.tsx';
import { nextUnscannedMaterial } from './scan-assignment.ts';
import { ScanGapsAlert } from './ScanGapsAlert.tsx';
import { checkFile, uploadScan } from './upload.ts';
import type { StepProps } from './wizard-state.ts';

const MAX_MB = MAX_SCAN_BYTES / 1024 / 1024;

export function ScansStep({
  matter,
  state,
  update,
  pickerRef,
  onSettled,
}: StepProps & {
  pickerRef: React.RefObject<HTMLInputElement | null>;
  /** Files are in (or refused), or a scan assigned: the wizard takes the keyboard back, so Enter moves on. */
  onSettled(): void;
}) {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  const [uploading, setUploading] = useState<{ name: string; fraction: number }[]>([]);
  const [errors, setErrors] = useState<string[]>([]);
  const [dragging, setDragging] = useState(false);

  const add = async (files: File[]): Promise<void> => {
    setErrors([]);
    for (const file of files) {
      const problem = checkFile(file);
      if (problem) {
        setErrors((e) => [...e, t(`intake.${problem}`, { name: file.name, maxMb: MAX_MB })]);
        continue;
      }
      setUploading((u) => [...u, { name: file.name, fraction: 0 }]);
      try {
        const { scan, thumbnail } = await uploadScan(file, (fraction) =>
          setUploading((u) => u.map((x) => (x.name === file.name ? { ...x, fraction } : x))),
        );
        update((s) =>
          s.scans.some((x) => x.sha256 === scan.sha256)
            ? s
            : {
                ...s,
                scans: [
                  ...s.scans,
                  {
                    sha256: scan.sha256,
                    mediaType: scan.mediaType,
                    size: scan.size,
                    name: file.name,
                    materialId: nextUnscannedMaterial(matter, s),
                    thumbnail,
                  },
                ],
              },
        );
      } catch (error) {
        setErrors((e) => [...e, `${file.name}: ${describeError(error, t)}`]);
      } finally {
        setUploading((u) => u.filter((x) => x.name !== file.name));
      }
    }
    onSettled();
  };

  return (
    // The step's first focus (tabIndex -1: not a Tab stop), where Enter moves on and Alt+F adds files.
    <div
      tabIndex={-1}
      data-testid="scan-drop-zone"
      onDragOver={(e) => {
        e.preventDefault();
        setDragging(true);
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={(e) => {
        e.preventDefault();
        setDragging(false);
        void add([...e.dataTransfer.files]);
      }}
      style={{
        border: `2px dashed ${dragging ? '#c4161c' : '#d9d9d9'}`,
        borderRadius: 8,
        padding: 16,
        outline: 'none',
      }}
    >
      <Space>
        <Button onClick={() => pickerRef.current?.click()} data-testid="add-files">
          {t('intake.addFiles')}
        </Button>
        <Typography.Text type="secondary">{t('intake.dropHere', { maxMb: MAX_MB })}</Typography.Text>
      </Space>
      {/* 高拍仪: each page taken goes the way of an added file. */}
      <DocumentCamera onCapture={(file) => add([file])} />
      <input
        ref={pickerRef}
        type="file"
        multiple
        accept=".jpg,.jpeg,.png,.pdf,image/jpeg,image/png,application/pdf"
        style={{ display: 'none' }}
        data-testid="file-input"
        onChange={(e) => {
          void add([...(e.target.files ?? [])]);
          e.target.value = '';
        }}
      />
      {errors.map((error) => (
        <Alert key={error} type="error" showIcon title={error} style={{ marginTop: 8 }} data-testid="scan-error" />
      ))}
      {uploading.map((u) => (
        <div key={u.name} style={{ marginTop: 8 }}>
          {t('intake.uploading', { name: u.name })}
          <Progress percent={Math.round(u.fraction * 100)} size="small" />
        </div>
      ))}
      <ScanGapsAlert matter={matter} state={state} />
      {state.scans.length === 0 && uploading.length === 0 ? (
        <Empty description={t('intake.noScans')} />
      ) : (
        <List
          style={{ marginTop: 12 }}
          dataSource={state.scans}
          renderItem={(scan) => (
            <List.Item
              data-testid="scan-item"
              actions={[
                <Button
                  key="remove"
                  size="small"
                  onClick={() => update((s) => ({ ...s, scans: s.scans.filter((x) => x.sha256 !== scan.sha256) }))}
                >
                  {t('intake.removeScan')}
                </Button>,
              ]}
            >
              <List.Item.Meta
                avatar={
                  scan.thumbnail ? (
                    <img
                      src={`data:image/jpeg;base64,${scan.thumbnail}`}
                      alt=""
                      width={56}
                      style={{ border: '1px solid #eee' }}
                    />
                  ) : (
                    <FilePdfOutlined style={{ fontSize: 40, color: '#c4161c' }} />
                  )
                }
                title={`${scan.name} · ${(scan.size / 1024).toFixed(0)} KB`}
                description={
                  <Space>
                    {t('intake.scanFor')}
                    <Select<string | null>
                      style={{ minWidth: 260 }}
                      aria-label={`${t('intake.scanFor')}: ${scan.name}`}
                      data-testid="scan-material"
                      value={scan.materialId}
                      onChange={(materialId) => {
                        update((s) => ({
                          ...s,
                          scans: s.scans.map((x) => (x.sha256 === scan.sha256 ? { ...x, materialId } : x)),
                        }));
                        // Assigned: the wizard takes the keyboard back, so Enter moves on.
                        onSettled();
                      }}
                      options={[
                        { value: null, label: t('intake.scanUnassigned') },
                        ...matter.materials.map((m) => ({ value: m.id, label: m.names[language] })),
                      ]}
                    />
                  </Space>
                }
              />
            </List.Item>
          )}
        />
      )}
    </div>
  );
}
