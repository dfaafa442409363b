// Enrolling this device with a partner region's exchange server (administrators).
import { useTranslation } from 'react-i18next';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import type { RemoteStatus } from '../../../shared/rpc/contract.ts';
import { rpc } from '../rpc.ts';
import { useSubmit } from '../use-submit.ts';

interface AddValues {
  url: string;
  name: string;
  code: string;
}

// The contract's limits, checked here first so mistakes are named by field.
const MAX_URL = 300;
const MAX_NAME = 60;
const MIN_CODE = 8;
const MAX_CODE = 64;

function isServerUrl(text: string): boolean {
  if (text.length > MAX_URL) return false;
  try {
    const url = new URL(text);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
  } catch {
    return false;
  }
}

/** A rule that passes when `ok` holds for the trimmed value, else names the problem. */
function check(ok: (value: string) => boolean, message: string) {
  return {
    validator: (_: unknown, value: string | undefined) =>
      ok((value ?? '').trim()) ? Promise.resolve() : Promise.reject(new Error(message)),
  };
}

export function AddRemoteForm({ onAdded }: { onAdded(remote: RemoteStatus): void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<AddValues>();
  const { busy, error, submit } = useSubmit<AddValues, RemoteStatus>(
    (v) => rpc('sync.addRemote', { url: v.url.trim(), name: v.name.trim(), code: v.code.trim() }),
    (remote) => {
      form.resetFields();
      onAdded(remote);
    },
  );

  return (
    <Card title={t('sync.add.title')} style={{ maxWidth: 560 }} data-testid="sync-add-form">
      <Typography.Paragraph type="secondary">{t('sync.add.intro')}</Typography.Paragraph>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="sync-add-error" />}
      <Form<AddValues> form={form} layout="vertical" onFinish={submit} disabled={busy}>
        <Form.Item name="url" label={t('sync.add.url')} rules={[check(isServerUrl, t('sync.add.urlInvalid'))]}>
          <Input
            placeholder="https://"
            inputMode="url"
            autoComplete="off"
            spellCheck={false}
            maxLength={MAX_URL}
            data-testid="sync-add-url"
          />
        </Form.Item>
        <Form.Item
          name="name"
          label={t('sync.add.name')}
          rules={[check((v) => v.length > 0 && v.length <= MAX_NAME, t('sync.add.nameInvalid'))]}
        >
          <Input
            placeholder={t('sync.add.namePlaceholder')}
            autoComplete="off"
            maxLength={MAX_NAME}
            data-testid="sync-add-name"
          />
        </Form.Item>
        <Form.Item
          name="code"
          label={t('sync.add.code')}
          rules={[check((v) => v.length >= MIN_CODE && v.length <= MAX_CODE, t('sync.add.codeInvalid'))]}
        >
          <Input autoComplete="off" spellCheck={false} maxLength={MAX_CODE} data-testid="sync-add-code" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={busy} data-testid="sync-add-submit">
          {t('sync.add.submit')}
        </Button>
      </Form>
    </Card>
  );
}
