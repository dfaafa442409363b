// The window's signature pad (签批屏): the address of its service on this
// machine, or none (collectors sign on screen). The backend refuses any
// address off this machine, with a message said here.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, Button, Card, Form, Input, Spin, message } from 'antd';
import { describeError, rpc } from '../rpc.ts';

export function SignaturePadCard() {
  const { t } = useTranslation();
  const [toast, toastHolder] = message.useMessage();
  const [url, setUrl] = useState<string | null>(null);
  const [loaded, setLoaded] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    rpc('devices.signaturePad', {}).then(
      (pad) => {
        setUrl(pad.url ?? '');
        setLoaded(true);
      },
      (e: unknown) => setError(describeError(e, t)),
    );
  }, [t]);

  const save = async (): Promise<void> => {
    setBusy(true);
    setError(null);
    try {
      const pad = await rpc('devices.setSignaturePad', { url: url?.trim() || null });
      setUrl(pad.url ?? '');
      void toast.success(t('admin.device.signaturePadSaved'));
    } catch (e) {
      setError(describeError(e, t));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card
      title={t('admin.device.signaturePad')}
      style={{ maxWidth: 560, marginTop: 16 }}
      data-testid="signature-pad-card"
    >
      {toastHolder}
      {error && (
        <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="signature-pad-error" />
      )}
      {!loaded ? (
        !error && <Spin />
      ) : (
        <Form layout="vertical" onFinish={() => void save()} disabled={busy}>
          <Form.Item label={t('admin.device.signaturePad')} extra={t('admin.device.signaturePadHint')}>
            <Input
              value={url ?? ''}
              placeholder="http://127.0.0.1:38088"
              onChange={(event) => setUrl(event.target.value)}
              data-testid="signature-pad-url"
            />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={busy} data-testid="signature-pad-save">
            {t('admin.device.signaturePadSave')}
          </Button>
        </Form>
      )}
    </Card>
  );
}
