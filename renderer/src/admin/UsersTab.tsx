import { useCallback, useEffect, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, Button, Form, Input, Modal, Select, Space, Switch, Table, Tag, message } from 'antd';
import type { TableColumnsType } from 'antd';
import { ROLES, type Role } from '../../../shared/auth/permissions.ts';
import type { User } from '../../../shared/rpc/contract.ts';
import { describeError, rpc } from '../rpc.ts';
import { PasswordField } from '../session/PasswordField.tsx';
import { useSubmit } from '../use-submit.ts';

type Dialog = { kind: 'create' } | { kind: 'edit'; user: User } | { kind: 'reset'; user: User };

const USERNAME = /^[A-Za-z0-9._-]{2,40}$/;
// A field the person got wrong takes the focus, so the keyboard goes on from there.
const FOCUS_FIRST_ERROR = { focus: true } as const;

export function UsersTab() {
  const { t } = useTranslation();
  const [toast, toastHolder] = message.useMessage();
  const [users, setUsers] = useState<User[]>([]);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const [dialog, setDialog] = useState<Dialog | null>(null);
  // The button that opened the dialog takes the focus back when it closes.
  const opener = useRef<HTMLElement | null>(null);
  const createButton = useRef<HTMLButtonElement>(null);
  const wasOpen = useRef(false);
  const open = (next: Dialog): void => {
    opener.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    setDialog(next);
  };
  // After the dialog is gone from the page, or its focus trap would keep the focus.
  useEffect(() => {
    if (dialog) wasOpen.current = true;
    if (dialog || !wasOpen.current) return;
    wasOpen.current = false;
    (opener.current?.isConnected ? opener.current : createButton.current)?.focus();
  }, [dialog]);

  const load = useCallback(
    () =>
      rpc('users.list', {})
        .then(
          (list) => {
            setUsers(list);
            setError(null);
          },
          (e: unknown) => setError(describeError(e, t)),
        )
        .finally(() => setLoading(false)),
    [t],
  );
  useEffect(() => void load(), [load]);

  const done = (text: string): void => {
    setDialog(null);
    setLoading(true);
    void toast.success(text);
    void load();
  };

  const columns: TableColumnsType<User> = [
    { title: t('auth.username'), dataIndex: 'username', width: 160 },
    { title: t('auth.displayName'), dataIndex: 'displayName', width: 160 },
    {
      title: t('admin.users.roles'),
      dataIndex: 'roles',
      render: (roles: Role[]) => roles.map((role) => <Tag key={role}>{t(`auth.roles.${role}`)}</Tag>),
    },
    {
      title: t('admin.users.state'),
      width: 160,
      render: (_, user) => (
        <>
          {user.active ? <Tag color="green">{t('admin.users.active')}</Tag> : <Tag>{t('admin.users.inactive')}</Tag>}
          {user.locked && <Tag color="red">{t('admin.users.locked')}</Tag>}
        </>
      ),
    },
    {
      title: t('admin.users.actions'),
      width: 200,
      render: (_, user) => (
        <Space>
          <Button size="small" onClick={() => open({ kind: 'edit', user })} data-testid={`user-edit-${user.username}`}>
            {t('admin.users.edit')}
          </Button>
          <Button
            size="small"
            onClick={() => open({ kind: 'reset', user })}
            data-testid={`user-reset-${user.username}`}
          >
            {t('admin.users.resetPassword')}
          </Button>
        </Space>
      ),
    },
  ];

  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      {toastHolder}
      {error && <Alert type="error" showIcon title={error} />}
      <Button type="primary" ref={createButton} onClick={() => open({ kind: 'create' })} data-testid="user-create">
        {t('admin.users.create')}
      </Button>
      <Table<User>
        rowKey="userId"
        size="small"
        columns={columns}
        dataSource={users}
        loading={loading}
        pagination={false}
        data-testid="users-table"
      />
      {dialog?.kind === 'create' && (
        <CreateUserDialog
          onClose={() => setDialog(null)}
          onDone={(user) => done(t('admin.users.created', { username: user.username }))}
        />
      )}
      {dialog?.kind === 'edit' && (
        <EditUserDialog
          user={dialog.user}
          onClose={() => setDialog(null)}
          onDone={(user) => done(t('admin.users.updated', { username: user.username }))}
        />
      )}
      {dialog?.kind === 'reset' && (
        <ResetPasswordDialog
          user={dialog.user}
          onClose={() => setDialog(null)}
          onDone={(user) => done(t('admin.users.reset', { username: user.username }))}
        />
      )}
    </Space>
  );
}

interface DialogProps {
  onClose(): void;
  onDone(user: User): void;
}

/**
 * The roles, picked by typing part of a name (or ↓) and Enter. The list closes after each pick,
 * so Enter in a closed list submits the dialog as in every other field; typing opens it again.
 */
function RolesSelect(props: { value?: Role[]; onChange?(roles: Role[]): void; testId: string }) {
  const { t } = useTranslation();
  const form = Form.useFormInstance();
  const [listOpen, setListOpen] = useState(false);
  const keys = (e: KeyboardEvent): void => {
    if (e.key === 'ArrowDown' && !listOpen) setListOpen(true);
    // Enter that ends an input method's composition is not a submit.
    if (e.key !== 'Enter' || listOpen || e.nativeEvent.isComposing) return;
    e.preventDefault();
    e.stopPropagation();
    form.submit();
  };
  return (
    <div onKeyDownCapture={keys}>
      <Select<Role[]>
        mode="multiple"
        showSearch={{ optionFilterProp: 'label' }}
        open={listOpen}
        onOpenChange={setListOpen}
        onSelect={() => setListOpen(false)}
        value={props.value}
        onChange={props.onChange}
        options={ROLES.map((role) => ({ value: role, label: t(`auth.roles.${role}`) }))}
        data-testid={props.testId}
      />
    </div>
  );
}

/** A user's roles in the create and edit dialogs: one at least. */
function RolesField() {
  const { t } = useTranslation();
  return (
    <Form.Item
      name="roles"
      label={t('admin.users.roles')}
      rules={[{ required: true, type: 'array', min: 1, message: t('admin.users.rolesRequired') }]}
    >
      <RolesSelect testId="user-roles" />
    </Form.Item>
  );
}

/** The frame of each user dialog: its title, a hint where it has one, and why the last save was refused. */
function UserDialog({
  title,
  hint,
  error,
  onClose,
  children,
}: {
  title: string;
  hint?: string;
  error: string | null;
  onClose(): void;
  children: ReactNode;
}) {
  // The first field takes the focus once the opening motion has ended, not as the dialog mounts: as
  // the motion ends the dialog checks where the focus is and may take it onto itself, away from a field
  // already being typed in.
  const body = useRef<HTMLDivElement>(null);
  const focusFirstField = (): void => body.current?.querySelector<HTMLElement>('input:not([disabled])')?.focus();
  return (
    <Modal
      open
      title={title}
      onCancel={onClose}
      footer={null}
      destroyOnHidden
      afterOpenChange={(open) => open && focusFirstField()}
    >
      <div ref={body}>
        {hint && <Alert type="info" showIcon title={hint} style={{ marginBottom: 16 }} />}
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="user-error" />}
        {children}
      </div>
    </Modal>
  );
}

function DialogButtons({ busy, onClose, testId }: { busy: boolean; onClose(): void; testId: string }) {
  const { t } = useTranslation();
  return (
    <Space style={{ display: 'flex', justifyContent: 'flex-end' }}>
      <Button onClick={onClose}>{t('admin.cancel')}</Button>
      <Button type="primary" htmlType="submit" loading={busy} data-testid={testId}>
        {t('admin.save')}
      </Button>
    </Space>
  );
}

interface CreateValues {
  username: string;
  displayName: string;
  password: string;
  roles: Role[];
}

function CreateUserDialog({ onClose, onDone }: DialogProps) {
  const { t } = useTranslation();
  const { busy, error, submit } = useSubmit<CreateValues, User>((v) => rpc('users.create', v), onDone);
  return (
    <UserDialog title={t('admin.users.createTitle')} error={error} onClose={onClose}>
      {/* Buttons inside the form, so Enter in any field submits it. */}
      <Form<CreateValues>
        layout="vertical"
        onFinish={submit}
        disabled={busy}
        initialValues={{ roles: [] }}
        scrollToFirstError={FOCUS_FIRST_ERROR}
      >
        <Form.Item
          name="username"
          label={t('auth.username')}
          rules={[{ required: true, pattern: USERNAME, message: t('auth.usernameInvalid') }]}
        >
          <Input autoComplete="off" data-testid="user-username" />
        </Form.Item>
        <Form.Item name="displayName" label={t('auth.displayName')} rules={[{ required: true, whitespace: true }]}>
          <Input autoComplete="off" data-testid="user-display-name" />
        </Form.Item>
        <Form.Item
          name="password"
          label={t('auth.password')}
          rules={[{ required: true, min: 8, message: t('auth.passwordTooShort') }]}
        >
          <PasswordField autoComplete="new-password" data-testid="user-password" />
        </Form.Item>
        <RolesField />
        <DialogButtons busy={busy} onClose={onClose} testId="user-save" />
      </Form>
    </UserDialog>
  );
}

interface EditValues {
  displayName: string;
  roles: Role[];
  active: boolean;
}

function EditUserDialog({ user, onClose, onDone }: DialogProps & { user: User }) {
  const { t } = useTranslation();
  const { busy, error, submit } = useSubmit<EditValues, User>(
    (v) => rpc('users.update', { userId: user.userId, ...v }),
    onDone,
  );
  return (
    <UserDialog title={t('admin.users.editTitle', { username: user.username })} error={error} onClose={onClose}>
      <Form<EditValues>
        layout="vertical"
        onFinish={submit}
        disabled={busy}
        initialValues={{ displayName: user.displayName, roles: user.roles, active: user.active }}
        scrollToFirstError={FOCUS_FIRST_ERROR}
      >
        <Form.Item name="displayName" label={t('auth.displayName')} rules={[{ required: true, whitespace: true }]}>
          <Input autoComplete="off" data-testid="user-display-name" />
        </Form.Item>
        <RolesField />
        <Form.Item name="active" label={t('admin.users.activeSwitch')} valuePropName="checked">
          <Switch data-testid="user-active" />
        </Form.Item>
        <DialogButtons busy={busy} onClose={onClose} testId="user-save" />
      </Form>
    </UserDialog>
  );
}

function ResetPasswordDialog({ user, onClose, onDone }: DialogProps & { user: User }) {
  const { t } = useTranslation();
  const { busy, error, submit } = useSubmit<{ password: string }, User>(
    ({ password }) => rpc('users.resetPassword', { userId: user.userId, password }),
    onDone,
  );
  return (
    <UserDialog
      title={t('admin.users.resetTitle', { username: user.username })}
      hint={t('admin.users.resetHint')}
      error={error}
      onClose={onClose}
    >
      <Form<{ password: string }>
        layout="vertical"
        onFinish={submit}
        disabled={busy}
        scrollToFirstError={FOCUS_FIRST_ERROR}
      >
        <Form.Item
          name="password"
          label={t('admin.users.newPassword')}
          rules={[{ required: true, min: 8, message: t('auth.passwordTooShort') }]}
        >
          <PasswordField autoComplete="new-password" data-testid="user-new-password" />
        </Form.Item>
        <DialogButtons busy={busy} onClose={onClose} testId="user-reset-save" />
      </Form>
    </UserDialog>
  );
}
