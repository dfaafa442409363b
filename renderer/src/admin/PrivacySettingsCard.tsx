// The privacy notice's settings (个人信息处理告知): how long a case's personal
// data is kept and where the applicant asks about it, as every notice and
// receipt of this window states them. The backend checks both and names the
// one that is wrong; until both are set no intake is taken.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, Button, Card, Form, Input, InputNumber, Spin, Typography, message } from 'antd';
import { describeError, rpc } from '../rpc.ts';

export function PrivacySettingsCard() {
  const { t } = useTranslation();
  const [toast, toastHolder] = message.useMessage();
  const [years, setYears] = useState<number | null>(null);
  const [contact, setContact] = useState('');
  const [loaded, setLoaded] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    rpc('privacy.settings', {}).then(
      (settings) => {
        setYears(settings?.retentionYears ?? null);
        setContact(settings?.contact ?? '');
        setLoaded(true);
      },
      (e: unknown) => setError(describeError(e, t)),
    );
  }, [t]);

  const save = async (): Promise<void> => {
    setBusy(true);
    setError(null);
    try {
      const saved = await rpc('privacy.setSettings', { retentionYears: years ?? 0, contact });
      setYears(saved.retentionYears);
      setContact(saved.contact);
      void toast.success(t('queuePrivacy.settings.saved'));
    } catch (e) {
      setError(describeError(e, t));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card title={t('queuePrivacy.settings.title')} style={{ maxWidth: 560, marginTop: 16 }} data-testid="privacy-card">
      {toastHolder}
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="privacy-error" />}
      {!loaded ? (
        !error && <Spin />
      ) : (
        <Form layout="vertical" onFinish={() => void save()} disabled={busy}>
          <Typography.Paragraph type="secondary">{t('queuePrivacy.settings.hint')}</Typography.Paragraph>
          <Form.Item label={t('queuePrivacy.settings.retentionYears')}>
            <InputNumber
              value={years}
              precision={0}
              style={{ width: 120 }}
              onChange={(value) => setYears(value)}
              data-testid="privacy-retention"
            />
          </Form.Item>
          <Form.Item label={t('queuePrivacy.settings.contact')}>
            <Input
              value={contact}
              placeholder={t('queuePrivacy.settings.contactPlaceholder')}
              onChange={(event) => setContact(event.target.value)}
              data-testid="privacy-contact"
            />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={busy} data-testid="privacy-save">
            {t('queuePrivacy.settings.save')}
          </Button>
        </Form>
      )}
    </Card>
  );
}
