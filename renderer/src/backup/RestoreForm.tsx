// Restoring a backup: the folder and the recovery passphrase. The backend
// checks the backup whole before it uses anything; on success it restarts on
// the restored data, and the screen reconnects by itself.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, Button, Form, Input, Modal, Typography } from 'antd';
import { describeError, rpc } from '../rpc.ts';
import { PasswordField } from '../session/PasswordField.tsx';

interface RestoreValues {
  folder: string;
  passphrase: string;
}

/** `atSetup`: the first screen of a new PC, before anyone is set up. */
export function RestoreForm({ atSetup }: { atSetup: boolean }) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [restarting, setRestarting] = useState(false);

  const restore = async (values: RestoreValues): Promise<void> => {
    setBusy(true);
    setError(null);
    try {
      await rpc(atSetup ? 'backup.restoreAtSetup' : 'backup.restore', values);
      setRestarting(true);
    } catch (e) {
      setError(describeError(e, t));
    } finally {
      setBusy(false);
    }
  };
  const confirm = (values: RestoreValues): void => {
    if (atSetup) return void restore(values);
    Modal.confirm({ content: t('backup.restoreConfirm'), onOk: () => restore(values) });
  };

  if (restarting)
    return <Alert type="success" showIcon title={t('backup.restarting')} data-testid="restore-restarting" />;
  return (
    <>
      <Typography.Paragraph type="secondary">{t('backup.restoreIntro')}</Typography.Paragraph>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="restore-error" />}
      <Form<RestoreValues> layout="vertical" onFinish={confirm} disabled={busy}>
        <Form.Item name="folder" label={t('backup.restoreFolder')} rules={[{ required: true, whitespace: true }]}>
          <Input data-testid="restore-folder" />
        </Form.Item>
        <Form.Item name="passphrase" label={t('backup.passphrase')} rules={[{ required: true }]}>
          <PasswordField autoComplete="off" data-testid="restore-passphrase" />
        </Form.Item>
        <Button htmlType="submit" danger={!atSetup} loading={busy} data-testid="restore-submit">
          {t('backup.restore')}
        </Button>
      </Form>
    </>
  );
}
