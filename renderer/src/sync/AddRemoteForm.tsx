// Enrolling this device with a partner region's exchange server (administrators):
// the invitation its administrator gave — pasted whole, or its three parts
// (address, one-time code, fingerprint of the server key the device pins).
import { useTranslation } from 'react-i18next';
import { Alert, Button, Card, Divider, Form, Input, Typography } from 'antd';
import type { RemoteStatus } from '../../../shared/rpc/contract.ts';
import { fingerprintSchema, parseInvitation } from '../../../shared/sync/invitation.ts';
import { rpc } from '../rpc.ts';
import { useSubmit } from '../use-submit.ts';

interface AddValues {
  invitation?: string;
  url?: string;
  name: string;
  code?: string;
  fingerprint?: string;
}

// The contract's limits, checked here first so mistakes are named by field.
const MAX_URL = 300;
const MAX_NAME = 60;
const MIN_CODE = 8;
const MAX_CODE = 64;
const MAX_INVITATION = 1000;

/** An https address; the backend alone decides whether a development http:// on loopback may pass. */
function isServerUrl(text: string): boolean {
  if (text.length > MAX_URL) return false;
  try {
    const url = new URL(text);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname !== '';
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

const trimmed = (value: string | undefined) => (value ?? '').trim();

function request(v: AddValues) {
  const name = v.name.trim();
  const invitation = trimmed(v.invitation);
  if (invitation) return { invitation, name };
  return { url: trimmed(v.url), code: trimmed(v.code), fingerprint: trimmed(v.fingerprint), name };
}

export function AddRemoteForm({ onAdded }: { onAdded(remote: RemoteStatus): void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<AddValues>();
  const invitation = Form.useWatch('invitation', form);
  const pasted = trimmed(invitation) !== '';
  const { busy, error, submit } = useSubmit<AddValues, RemoteStatus>(
    (v) => rpc('sync.addRemote', request(v)),
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
        <Form.Item
          name="invitation"
          label={t('sync.add.invitation')}
          extra={t('sync.add.invitationHelp')}
          rules={[check((v) => v === '' || parseInvitation(v) !== null, t('sync.add.invitationInvalid'))]}
        >
          <Input.TextArea
            autoSize={{ minRows: 2, maxRows: 4 }}
            placeholder="tongban-invite:v1?…"
            autoComplete="off"
            spellCheck={false}
            maxLength={MAX_INVITATION}
            data-testid="sync-add-invitation"
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
        {!pasted && (
          <>
            <Divider plain>{t('sync.add.orFields')}</Divider>
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
              name="code"
              label={t('sync.add.code')}
              rules={[check((v) => v.length >= MIN_CODE && v.length <= MAX_CODE, t('sync.add.codeInvalid'))]}
            >
              <Input autoComplete="off" spellCheck={false} maxLength={MAX_CODE} data-testid="sync-add-code" />
            </Form.Item>
            <Form.Item
              name="fingerprint"
              label={t('sync.add.fingerprint')}
              rules={[check((v) => fingerprintSchema.safeParse(v).success, t('sync.add.fingerprintInvalid'))]}
            >
              <Input
                autoComplete="off"
                spellCheck={false}
                maxLength={100}
                placeholder="AB12 CD34 …"
                data-testid="sync-add-fingerprint"
              />
            </Form.Item>
          </>
        )}
        <Button type="primary" htmlType="submit" loading={busy} data-testid="sync-add-submit">
          {t('sync.add.submit')}
        </Button>
      </Form>
    </Card>
  );
}
