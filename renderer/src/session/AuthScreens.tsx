import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import { useTranslation } from 'react-i18next';
import { Alert, Button, Card, Divider, Form, Input, Typography, type InputRef } from 'antd';
import { describeError, rpc } from '../rpc.ts';
import { useSubmit } from '../use-submit.ts';
import { focusWhenShown } from './focus.ts';
import { hidePageBesides } from './hide-page.ts';
import { PasswordField } from './PasswordField.tsx';
import { useSession } from './session.tsx';

const centered = { display: 'flex', justifyContent: 'center', padding: '48px 16px' } as const;
// A field the person got wrong takes the focus, so the keyboard goes on from there.
const FOCUS_FIRST_ERROR = { focus: true } as const;

/**
 * After a refused password the field takes the focus back with its text selected, so the next
 * try is typed straight over it; the form was disabled while it waited, which dropped the focus.
 */
function useRefocusAfterError(error: string | null, busy: boolean) {
  const field = useRef<InputRef>(null);
  useEffect(() => {
    if (error && !busy) field.current?.focus({ cursor: 'all' });
  }, [error, busy]);
  return field;
}

interface SetupValues {
  name: string;
  regionCode: string;
  hall: string;
  windowNo: string;
  username: string;
  displayName: string;
  password: string;
  passwordAgain: string;
}

export function SetupScreen({ onDone }: { onDone(): void }) {
  const { t } = useTranslation();
  const { signIn } = useSession();
  const {
    busy,
    error,
    submit: finish,
  } = useSubmit(
    (v: SetupValues) =>
      rpc('setup.initialize', {
        device: { name: v.name, regionCode: v.regionCode, hall: v.hall, windowNo: v.windowNo },
        admin: { username: v.username, displayName: v.displayName, password: v.password },
      }),
    (info) => {
      signIn(info);
      onDone();
    },
  );

  return (
    <div style={centered}>
      <Card title={t('auth.setupTitle')} style={{ width: 560 }} data-testid="setup-screen">
        <Typography.Paragraph type="secondary">{t('auth.setupIntro')}</Typography.Paragraph>
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="setup-error" />}
        <Form<SetupValues> layout="vertical" onFinish={finish} disabled={busy} scrollToFirstError={FOCUS_FIRST_ERROR}>
          <Form.Item name="name" label={t('auth.deviceName')} rules={[{ required: true, whitespace: true }]}>
            <Input autoFocus data-testid="setup-name" />
          </Form.Item>
          <Form.Item
            name="regionCode"
            label={t('auth.regionCode')}
            rules={[{ required: true, pattern: /^\d{6}$/, message: t('auth.regionCodeInvalid') }]}
          >
            <Input inputMode="numeric" maxLength={6} data-testid="setup-region" />
          </Form.Item>
          <Form.Item name="hall" label={t('auth.hall')} rules={[{ required: true, whitespace: true }]}>
            <Input data-testid="setup-hall" />
          </Form.Item>
          <Form.Item
            name="windowNo"
            label={t('auth.windowNo')}
            rules={[{ required: true, pattern: /^\d{2}$/, message: t('auth.windowNoInvalid') }]}
          >
            <Input inputMode="numeric" maxLength={2} data-testid="setup-window" />
          </Form.Item>
          <Divider>{t('auth.adminSection')}</Divider>
          <Form.Item
            name="username"
            label={t('auth.username')}
            rules={[{ required: true, pattern: /^[A-Za-z0-9._-]{2,40}$/, message: t('auth.usernameInvalid') }]}
          >
            <Input autoComplete="username" data-testid="setup-username" />
          </Form.Item>
          <Form.Item name="displayName" label={t('auth.displayName')} rules={[{ required: true, whitespace: true }]}>
            <Input data-testid="setup-display-name" />
          </Form.Item>
          <Form.Item
            name="password"
            label={t('auth.password')}
            rules={[{ required: true, min: 8, message: t('auth.passwordTooShort') }]}
          >
            <PasswordField autoComplete="new-password" data-testid="setup-password" />
          </Form.Item>
          <Form.Item
            name="passwordAgain"
            label={t('auth.passwordAgain')}
            dependencies={['password']}
            rules={[
              { required: true },
              ({ getFieldValue }) => ({
                validator: (_, value) =>
                  value === getFieldValue('password')
                    ? Promise.resolve()
                    : Promise.reject(new Error(t('auth.passwordMismatch'))),
              }),
            ]}
          >
            <PasswordField autoComplete="new-password" data-testid="setup-password-again" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={busy} data-testid="setup-submit">
            {t('auth.finishSetup')}
          </Button>
        </Form>
      </Card>
    </div>
  );
}

export function LoginScreen() {
  const { t } = useTranslation();
  const { signIn } = useSession();
  const {
    busy,
    error,
    submit: login,
  } = useSubmit((v: { username: string; password: string }) => rpc('auth.login', v), signIn);
  const password = useRefocusAfterError(error, busy);

  return (
    <div style={centered}>
      <Card title={t('auth.loginTitle')} style={{ width: 380 }} data-testid="login-screen">
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="login-error" />}
        <Form layout="vertical" onFinish={login} disabled={busy} scrollToFirstError={FOCUS_FIRST_ERROR}>
          <Form.Item name="username" label={t('auth.username')} rules={[{ required: true }]}>
            <Input autoFocus autoComplete="username" data-testid="login-username" />
          </Form.Item>
          <Form.Item name="password" label={t('auth.password')} rules={[{ required: true }]}>
            <PasswordField ref={password} autoComplete="current-password" data-testid="login-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={busy} data-testid="login-submit">
            {t('auth.login')}
          </Button>
        </Form>
      </Card>
    </div>
  );
}

/** The lock screen's backdrop: fully opaque, above everything antd may open. */
const LOCK_BACKDROP = {
  position: 'fixed',
  inset: 0,
  zIndex: 2147483647,
  background: '#f0f2f5',
  display: 'flex',
  alignItems: 'center',
  justifyContent: 'center',
  padding: 16,
} as const;

/**
 * Covers the whole window with nothing of the page showing through; the page
 * underneath is hidden and inert but stays mounted, so the work is still
 * there after the unlock.
 */
export function LockScreen() {
  const { t } = useTranslation();
  const { info, signIn, signOut } = useSession();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<{ password: string }>();
  const password = useRefocusAfterError(error, busy);
  const [cover] = useState(() => document.createElement('div'));

  // Before the browser paints: the page must not flash through.
  // The focus the person had goes back to them after the unlock, as after any dialog.
  useLayoutEffect(() => {
    const hadFocus = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    document.body.append(cover);
    const reveal = hidePageBesides(cover);
    // Once the cover is in the document: an autoFocus would come before, and miss.
    password.current?.focus();
    return () => {
      reveal();
      cover.remove();
      if (hadFocus) focusWhenShown(hadFocus);
    };
  }, [cover, password]);

  const unlock = async (values: { password: string }): Promise<void> => {
    setError(null);
    setBusy(true);
    try {
      signIn(await rpc('auth.unlock', values));
    } catch (e) {
      form.resetFields();
      setError(describeError(e, t));
    } finally {
      setBusy(false);
    }
  };

  return createPortal(
    <div style={LOCK_BACKDROP} data-testid="lock-screen" role="dialog" aria-modal="true" aria-labelledby="lock-title">
      <Card title={<span id="lock-title">{t('auth.lockedTitle')}</span>} style={{ width: 400 }}>
        <Typography.Paragraph>{t('auth.lockedIntro', { name: info?.user.displayName ?? '' })}</Typography.Paragraph>
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="unlock-error" />}
        <Form form={form} layout="vertical" onFinish={unlock} scrollToFirstError={FOCUS_FIRST_ERROR}>
          <Form.Item name="password" label={t('auth.password')} rules={[{ required: true }]}>
            <PasswordField ref={password} autoComplete="current-password" data-testid="unlock-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={busy} data-testid="unlock-submit">
            {t('auth.unlock')}
          </Button>
          <Button type="link" onClick={() => void signOut()}>
            {t('auth.logout')}
          </Button>
        </Form>
      </Card>
    </div>,
    cover,
  );
}
