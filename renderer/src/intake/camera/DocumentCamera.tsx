// 高拍仪 in the scans step: a button (or F8) opens the panel with the live view
// of the chosen camera; F8 (or the button) then takes one page, which the step
// uploads like a file. Whatever goes wrong, the panel says so and the step's
// file route stays where it is.
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, Button, Card, Select, Space, Switch, Typography } from 'antd';
import { CameraOutlined } from '@ant-design/icons';
import { useSession } from '../../session/session.tsx';
import { capturePage } from './capture.ts';
import { CropView } from './CropView.tsx';
import type { FrameFractions } from './manual-crop.ts';
import { useDocumentCamera } from './use-document-camera.ts';
import { useShown } from './use-shown.ts';

/** One key per page; F8 is free in the app and in browsers, and sits alone on the keyboard's top row. */
const CAPTURE_KEY = 'F8';

function isCaptureKey(e: KeyboardEvent): boolean {
  return e.key === CAPTURE_KEY && !e.altKey && !e.ctrlKey && !e.shiftKey && !e.metaKey;
}

function clockTime(date: Date): string {
  return [date.getHours(), date.getMinutes(), date.getSeconds()].map((n) => String(n).padStart(2, '0')).join('');
}

export function DocumentCamera({ onCapture }: { onCapture(file: File): Promise<void> }) {
  const { t } = useTranslation();
  const { locked } = useSession();
  const [open, setOpen] = useState(false);
  const [crop, setCrop] = useState(true);
  // A region drawn on the view: every page is cropped to it until it is cleared.
  const [region, setRegion] = useState<FrameFractions | null>(null);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<'noPageFound' | 'captureFailed' | null>(null);
  const pages = useRef(0);
  const video = useRef<HTMLVideoElement>(null);
  const root = useRef<HTMLDivElement>(null);
  // On another tab, or under the lock screen, the camera is off and F8 is not ours.
  const shown = useShown(root);
  const usable = shown && !locked;
  const camera = useDocumentCamera(open && usable);

  useEffect(() => {
    if (video.current) video.current.srcObject = camera.stream;
  }, [camera.stream]);

  const capture = useCallback(async () => {
    if (!video.current || !camera.stream || busy) return;
    setBusy(true);
    setNotice(null);
    try {
      pages.current += 1;
      const name = t('documentCamera.fileName', { n: pages.current, time: clockTime(new Date()) });
      const page = await capturePage(video.current, region ?? (crop ? 'page' : null), name);
      if (!page) {
        setNotice('captureFailed');
        return;
      }
      if (page.noPageFound) setNotice('noPageFound');
      await onCapture(page.file);
    } finally {
      setBusy(false);
    }
  }, [busy, camera.stream, crop, onCapture, region, t]);

  // F8 anywhere in the step: opens the panel, then takes a page each time.
  useEffect(() => {
    if (!usable) return;
    const onKey = (e: KeyboardEvent): void => {
      if (!isCaptureKey(e)) return;
      e.preventDefault();
      if (e.repeat) return;
      if (open) void capture();
      else setOpen(true);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [capture, open, usable]);

  return (
    <div ref={root}>
      {open ? (
        <Card
          size="small"
          title={t('documentCamera.title')}
          style={{ marginTop: 8 }}
          data-testid="camera-panel"
          extra={
            <Button size="small" onClick={() => setOpen(false)} data-testid="camera-close">
              {t('documentCamera.close')}
            </Button>
          }
        >
          {camera.problem ? (
            <Alert
              type="error"
              showIcon
              data-testid="camera-problem"
              data-problem={camera.problem}
              title={t(`documentCamera.problems.${camera.problem}`)}
              description={t('documentCamera.fileRoute')}
              action={
                <Button size="small" onClick={camera.retry} data-testid="camera-retry">
                  {t('documentCamera.retry')}
                </Button>
              }
            />
          ) : (
            <Space orientation="vertical" style={{ width: '100%' }}>
              <Space wrap>
                {t('documentCamera.camera')}
                <Select<string>
                  style={{ minWidth: 280 }}
                  aria-label={t('documentCamera.camera')}
                  data-testid="camera-select"
                  value={camera.camera?.deviceId || undefined}
                  onChange={camera.choose}
                  options={camera.cameras.map((c, index) => ({
                    value: c.deviceId,
                    label: c.label || t('documentCamera.unnamedCamera', { n: index + 1 }),
                  }))}
                />
                <Switch
                  checked={crop}
                  disabled={region !== null}
                  onChange={setCrop}
                  aria-label={t('documentCamera.crop')}
                  data-testid="camera-crop"
                />
                {t('documentCamera.crop')}
                {region && (
                  <Button size="small" onClick={() => setRegion(null)} data-testid="camera-region-clear">
                    {t('documentCamera.clearRegion')}
                  </Button>
                )}
              </Space>
              <Typography.Text type="secondary">
                {t(region ? 'documentCamera.regionHint' : 'documentCamera.cropHint')}
              </Typography.Text>
              <CropView video={video} region={region} onRegion={setRegion} label={t('documentCamera.preview')} />
              {camera.starting && <Typography.Text>{t('documentCamera.starting')}</Typography.Text>}
              {notice && (
                <Alert
                  type={notice === 'noPageFound' ? 'info' : 'error'}
                  showIcon
                  data-testid="camera-notice"
                  title={t(
                    notice === 'noPageFound' ? 'documentCamera.noPageFound' : 'documentCamera.problems.captureFailed',
                  )}
                />
              )}
              <Button
                type="primary"
                icon={<CameraOutlined />}
                disabled={!camera.stream}
                loading={busy}
                onClick={() => void capture()}
                data-testid="camera-capture"
              >
                {busy ? t('documentCamera.capturing') : t('documentCamera.capture')}
              </Button>
            </Space>
          )}
        </Card>
      ) : (
        // Not a Tab stop: F8, shown on it, is its key, and Tab keeps going from the add button to each scan.
        <Button
          icon={<CameraOutlined />}
          tabIndex={-1}
          onClick={() => setOpen(true)}
          data-testid="camera-open"
          style={{ marginTop: 8 }}
        >
          {t('documentCamera.open')}
        </Button>
      )}
    </div>
  );
}
