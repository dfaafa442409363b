// Settings → Backup and restore: the folder, the recovery passphrase and the
// daily backup; a backup now, with its progress; the last success and the
// last failure's reason; and a restore.
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, Button, Card, Checkbox, Divider, Form, Input, Progress, Space, Spin, Typography, message } from 'antd';
import type { MethodOutput } from '../../../shared/rpc/contract.ts';
import { describeError, rpc } from '../rpc.ts';
import { PasswordField } from '../session/PasswordField.tsx';
import { RestoreForm } from './RestoreForm.tsx';

type Status = MethodOutput<'backup.status'>;
interface SettingsValues {
  folder: string;
  passphrase?: string;
  daily: boolean;
}

/** While a backup runs, its progress is read this often. */
const PROGRESS_EVERY_MS = 500;

export function BackupTab() {
  const { t, i18n } = useTranslation();
  const [form] = Form.useForm<SettingsValues>();
  const [toast, toastHolder] = message.useMessage();
  const [status, setStatus] = useState<Status | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const load = useCallback(
    () => rpc('backup.status', {}).then(setStatus, (e: unknown) => setError(describeError(e, t))),
    [t],
  );
  useEffect(() => void load(), [load]);
  useEffect(() => {
    if (!status?.running) return;
    const timer = setInterval(() => void load(), PROGRESS_EVERY_MS);
    return () => clearInterval(timer);
  }, [status?.running, load]);

  const save = async (values: SettingsValues): Promise<void> => {
    setBusy(true);
    setError(null);
    try {
      const passphrase = values.passphrase?.length ? values.passphrase : undefined;
      setStatus(await rpc('backup.configure', { folder: values.folder, daily: values.daily, passphrase }));
      form.setFieldValue('passphrase', '');
      void toast.success(t('backup.saved'));
    } catch (e) {
      setError(describeError(e, t));
    } finally {
      setBusy(false);
    }
  };
  const runNow = async (): Promise<void> => {
    setError(null);
    const started = rpc('backup.run', {});
    void load();
    try {
      const made = await started;
      void toast.success(t('backup.done', { path: made.path }));
    } catch (e) {
      setError(describeError(e, t));
    }
    void load();
  };

  const when = (at: string): string => new Date(at).toLocaleString(i18n.language);
  if (!status) return error ? <Alert type="error" showIcon title={error} /> : <Spin />;
  const { running } = status;
  return (
    <Card title={t('backup.title')} style={{ maxWidth: 640 }} data-testid="backup-tab">
      {toastHolder}
      <Typography.Paragraph type="secondary">{t('backup.intro')}</Typography.Paragraph>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="backup-error" />}
      <Space direction="vertical" style={{ width: '100%', marginBottom: 16 }}>
        <Typography.Text data-testid="backup-last-success">
          {status.lastSuccess ? t('backup.lastSuccess', { at: when(status.lastSuccess.at) }) : t('backup.never')}
        </Typography.Text>
        {status.lastFailure && (
          <Typography.Text type="danger" data-testid="backup-last-failure">
            {t('backup.lastFailure', {
              at: when(status.lastFailure.at),
              reason: t(`reasons.${status.lastFailure.reason}`, { defaultValue: status.lastFailure.reason }),
            })}
          </Typography.Text>
        )}
        {!status.configured && <Typography.Text type="warning">{t('backup.notConfigured')}</Typography.Text>}
        {running && (
          <>
            <Typography.Text>
              {t(running.kind === 'backup' ? 'backup.running' : 'backup.restoring', running)}
            </Typography.Text>
            <Progress percent={Math.round((100 * running.done) / Math.max(1, running.total))} />
          </>
        )}
      </Space>
      <Form<SettingsValues>
        form={form}
        layout="vertical"
        onFinish={save}
        disabled={busy}
        initialValues={{ folder: status.folder ?? '', daily: status.daily }}
      >
        <Form.Item name="folder" label={t('backup.folder')} rules={[{ required: true, whitespace: true }]}>
          <Input data-testid="backup-folder" />
        </Form.Item>
        <Form.Item
          name="passphrase"
          label={t('backup.passphrase')}
          extra={t('backup.passphraseHint')}
          rules={[{ required: !status.configured, min: 12 }]}
        >
          <PasswordField autoComplete="new-password" data-testid="backup-passphrase" />
        </Form.Item>
        <Form.Item name="daily" valuePropName="checked">
          <Checkbox data-testid="backup-daily">{t('backup.daily')}</Checkbox>
        </Form.Item>
        <Space>
          <Button htmlType="submit" loading={busy} data-testid="backup-save">
            {t('backup.save')}
          </Button>
          <Button
            type="primary"
            onClick={() => void runNow()}
            disabled={!status.configured || running !== null}
            data-testid="backup-run"
          >
            {t('backup.runNow')}
          </Button>
        </Space>
      </Form>
      <Divider>{t('backup.restoreTitle')}</Divider>
      <RestoreForm atSetup={false} />
    </Card>
  );
}
