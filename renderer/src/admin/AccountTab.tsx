import { useTranslation } from 'react-i18next';
import { Alert, Button, Card, Form, message } from 'antd';
import { rpc } from '../rpc.ts';
import { PasswordField } from '../session/PasswordField.tsx';
import { useSubmit } from '../use-submit.ts';

interface PasswordValues {
  current: string;
  next: string;
  nextAgain: string;
}

export function AccountTab() {
  const { t } = useTranslation();
  const [form] = Form.useForm<PasswordValues>();
  const [toast, toastHolder] = message.useMessage();
  const {
    busy,
    error,
    submit: change,
  } = useSubmit(
    ({ current, next }: PasswordValues) => rpc('auth.changePassword', { current, next }),
    () => {
      form.resetFields();
      void toast.success(t('admin.account.done'));
    },
  );

  return (
    <Card title={t('admin.account.title')} style={{ maxWidth: 480 }}>
      {toastHolder}
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="password-error" />}
      <Form form={form} layout="vertical" onFinish={change} disabled={busy} scrollToFirstError={{ focus: true }}>
        <Form.Item name="current" label={t('admin.account.current')} rules={[{ required: true }]}>
          <PasswordField autoComplete="current-password" data-testid="password-current" />
        </Form.Item>
        <Form.Item
          name="next"
          label={t('admin.account.next')}
          dependencies={['current']}
          rules={[
            { required: true, min: 8, message: t('auth.passwordTooShort') },
            ({ getFieldValue }) => ({
              validator: (_, value) =>
                value && value === getFieldValue('current')
                  ? Promise.reject(new Error(t('admin.account.sameAsCurrent')))
                  : Promise.resolve(),
            }),
          ]}
        >
          <PasswordField autoComplete="new-password" data-testid="password-next" />
        </Form.Item>
        <Form.Item
          name="nextAgain"
          label={t('admin.account.nextAgain')}
          dependencies={['next']}
          rules={[
            { required: true },
            ({ getFieldValue }) => ({
              validator: (_, value) =>
                value === getFieldValue('next')
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('auth.passwordMismatch'))),
            }),
          ]}
        >
          <PasswordField autoComplete="new-password" data-testid="password-next-again" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={busy} data-testid="password-submit">
          {t('admin.account.submit')}
        </Button>
      </Form>
    </Card>
  );
}
