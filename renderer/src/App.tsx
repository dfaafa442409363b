import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, Button, ConfigProvider, Layout, Menu, Select, Space, Spin, Typography } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import zhTW from 'antd/locale/zh_TW';
import type { Permission } from '../../shared/auth/permissions.ts';
import { LANGUAGES, languageSchema, type Language } from '../../shared/languages.ts';
import { call } from '../../shared/rpc/client.ts';
import { AcceptanceWorkspace } from './lazy-workspaces.tsx';
import { SettingsWorkspace } from './lazy-workspaces.tsx';
import { RollbackBanner } from './backup/RollbackBanner.tsx';
import { SetupRestore } from './backup/SetupRestore.tsx';
import { AuditWorkspace } from './lazy-workspaces.tsx';
import { api } from './backend.ts';
import { useConnectionState } from './hooks.ts';
import { applyLanguage } from './i18n.ts';
import { IntakeWorkspace } from './lazy-workspaces.tsx';
import { LockScreen, LoginScreen, SetupScreen } from './session/AuthScreens.tsx';
import { SessionProvider, useSession } from './session/session.tsx';
import { StatusBar } from './StatusBar.tsx';
import { SupervisorNavLabel, SupervisorWorkspace } from './lazy-workspaces.tsx';
import { SyncWorkspace } from './lazy-workspaces.tsx';

const ANTD_LOCALES = { 'zh-CN': zhCN, 'zh-TW': zhTW, en: enUS } as const;
const WORKSPACES = ['intake', 'acceptance', 'supervisor', 'sync', 'audit', 'settings'] as const;
type Workspace = (typeof WORKSPACES)[number];

/** Who sees a workspace; null: everyone logged in. */
const WORKSPACE_PERMISSION: Record<Workspace, Permission | null> = {
  intake: 'cases.read',
  acceptance: 'cases.record',
  supervisor: 'supervision.read',
  sync: 'sync.read',
  audit: 'audit.read',
  settings: null,
};

export function App() {
  const { i18n } = useTranslation();
  const connection = useConnectionState();
  const language = languageSchema.catch('zh-CN').parse(i18n.language);

  useEffect(() => {
    if (connection !== 'connected') return;
    void call(api, 'settings.getLanguage', {}).then(({ language }) => applyLanguage(language));
  }, [connection]);
  useEffect(() => api.on('settings.languageChanged', ({ language }) => applyLanguage(language)), []);

  return (
    <ConfigProvider locale={ANTD_LOCALES[language]} theme={{ token: { colorPrimary: '#c4161c' } }}>
      <SessionProvider connected={connection === 'connected'}>
        <Shell language={language} />
      </SessionProvider>
    </ConfigProvider>
  );
}

function Shell({ language }: { language: Language }) {
  const { t } = useTranslation();
  const connection = useConnectionState();
  const session = useSession();
  const [setUp, setSetUp] = useState<boolean | null>(null);

  useEffect(() => {
    if (connection !== 'connected') return;
    void call(api, 'setup.status', {}).then(({ setUp }) => setSetUp(setUp));
  }, [connection]);

  const chooseLanguage = (next: Language): void => {
    applyLanguage(next);
    void call(api, 'settings.setLanguage', { language: next });
  };

  let body;
  if (setUp === null || session.restoring) body = <Spin style={{ margin: 64 }} />;
  else if (!setUp)
    body = (
      <>
        <SetupScreen onDone={() => setSetUp(true)} />
        <SetupRestore />
      </>
    );
  else if (!session.info) body = <LoginScreen />;
  else body = <Workspaces />;

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header style={{ display: 'flex', alignItems: 'center', gap: 16, background: '#fff' }}>
        <Typography.Title level={4} style={{ margin: 0 }} data-testid="app-title">
          {t('app.title')}
        </Typography.Title>
        <Typography.Text type="secondary">{t('app.subtitle')}</Typography.Text>
        <span style={{ flex: 1 }} />
        {session.info && (
          <Space>
            <Typography.Text data-testid="signed-in-as">
              {t('auth.signedInAs', {
                name: session.info.user.displayName,
                roles: session.info.user.roles.map((role) => t(`auth.roles.${role}`)).join('、'),
              })}
            </Typography.Text>
            <Button size="small" onClick={() => void session.signOut()} data-testid="logout">
              {t('auth.logout')}
            </Button>
          </Space>
        )}
        <Select<Language>
          aria-label={t('language.label')}
          data-testid="language-select"
          value={language}
          style={{ width: 130 }}
          onChange={chooseLanguage}
          options={LANGUAGES.map((lng) => ({ value: lng, label: t(`language.${lng}`) }))}
        />
      </Layout.Header>
      {connection !== 'connected' && (
        <Alert
          data-testid="backend-banner"
          type={connection === 'reconnecting' ? 'error' : 'info'}
          showIcon
          banner
          title={connection === 'reconnecting' ? t('status.restarting') : t('status.connecting')}
          description={connection === 'reconnecting' ? t('status.restartingDetail') : undefined}
        />
      )}
      {body}
      {session.info && session.locked && <LockScreen />}
      <StatusBar connection={connection} />
    </Layout>
  );
}

function Workspaces() {
  const { t } = useTranslation();
  const { can, info } = useSession();
  const visible = WORKSPACES.filter((w) => {
    const needs = WORKSPACE_PERMISSION[w];
    // The acceptance desk is the handling officer's place; an intake clerk records on cases too, elsewhere.
    if (w === 'acceptance' && !info?.user.roles.includes('handling_officer')) return false;
    return needs === null || can(needs);
  });
  const [workspace, setWorkspace] = useState<Workspace>(visible[0] ?? 'settings');

  return (
    <Layout>
      <Layout.Sider width={180} theme="light">
        <Menu
          data-testid="workspace-nav"
          mode="inline"
          selectedKeys={[workspace]}
          onClick={({ key }) => setWorkspace(key as Workspace)}
          items={visible.map((key) => ({
            key,
            // The supervisor's item counts the open warnings.
            label: key === 'supervisor' ? <SupervisorNavLabel /> : t(`nav.${key}`),
          }))}
        />
      </Layout.Sider>
      <Layout.Content style={{ padding: 24 }}>
        <RollbackBanner />
        {workspace === 'intake' ? (
          <IntakeWorkspace />
        ) : workspace === 'settings' ? (
          <SettingsWorkspace />
        ) : workspace === 'sync' ? (
          <SyncWorkspace />
        ) : workspace === 'acceptance' ? (
          <AcceptanceWorkspace />
        ) : workspace === 'supervisor' ? (
          <SupervisorWorkspace />
        ) : (
          <AuditWorkspace />
        )}
      </Layout.Content>
    </Layout>
  );
}
