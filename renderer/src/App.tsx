import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, Button, ConfigProvider, Layout, Menu, Select, Space, Spin, Typography } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import zhTW from 'antd/locale/zh_TW';
import { LANGUAGES, languageSchema, type Language } from '../../shared/languages.ts';
import { call } from '../../shared/rpc/client.ts';
import type { SessionInfo } from '../../shared/rpc/contract.ts';
import type { Place } from './admin/first-steps.ts';
import { FirstSteps } from './admin/FirstSteps.tsx';
import {
  AcceptanceWorkspace,
  AuditWorkspace,
  IntakeWorkspace,
  SettingsWorkspace,
  SupervisorNavLabel,
  SupervisorWorkspace,
  SyncWorkspace,
} from './lazy-workspaces.tsx';
import { RollbackBanner } from './backup/RollbackBanner.tsx';
import { SetupRestore } from './backup/SetupRestore.tsx';
import { api } from './backend.ts';
import { useConnectionState } from './hooks.ts';
import { applyLanguage } from './i18n.ts';
import { LockScreen, LoginScreen, SetupScreen } from './session/AuthScreens.tsx';
import { focusFirstControl } from './session/focus.ts';
import { SessionProvider, useSession } from './session/session.tsx';
import { landingWorkspace, visibleWorkspaces, type Workspace } from './session/workspaces.ts';
import { StatusBar } from './StatusBar.tsx';

const ANTD_LOCALES = { 'zh-CN': zhCN, 'zh-TW': zhTW, en: enUS } as const;

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
  else body = <Workspaces info={session.info} />;

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

/** The workspaces the person's roles open; they land on their own (see landingWorkspace). */
function Workspaces({ info }: { info: SessionInfo }) {
  const { t } = useTranslation();
  const person = { roles: info.user.roles, permissions: info.permissions };
  const visible = visibleWorkspaces(person);
  const [place, setPlace] = useState<Place>(() => ({ workspace: landingWorkspace(person) }));
  const workspace: Workspace = visible.includes(place.workspace) ? place.workspace : (visible[0] ?? 'settings');
  // A first step leads somewhere: the focus goes along, to the first control there.
  const content = useRef<HTMLDivElement>(null);
  const [ledAway, setLedAway] = useState(0);
  useEffect(() => {
    if (ledAway > 0) focusFirstControl(content.current);
  }, [ledAway]);
  const goTo = (next: Place): void => {
    setPlace(next);
    setLedAway((n) => n + 1);
  };

  return (
    <Layout>
      <Layout.Sider width={180} theme="light">
        <Menu
          data-testid="workspace-nav"
          mode="inline"
          selectedKeys={[workspace]}
          onClick={({ key }) => setPlace({ workspace: key as Workspace })}
          items={visible.map((key) => ({
            key,
            // The supervisor's item counts the open warnings.
            label: key === 'supervisor' ? <SupervisorNavLabel /> : t(`nav.${key}`),
          }))}
        />
      </Layout.Sider>
      <Layout.Content style={{ padding: 24 }}>
        <RollbackBanner />
        <div ref={content}>
          {workspace === 'start' ? (
            <FirstSteps onGo={goTo} />
          ) : workspace === 'intake' ? (
            <IntakeWorkspace />
          ) : workspace === 'settings' ? (
            <SettingsWorkspace key={place.settingsTab} initialTab={place.settingsTab} />
          ) : workspace === 'sync' ? (
            <SyncWorkspace />
          ) : workspace === 'acceptance' ? (
            <AcceptanceWorkspace />
          ) : workspace === 'supervisor' ? (
            <SupervisorWorkspace />
          ) : (
            <AuditWorkspace />
          )}
        </div>
      </Layout.Content>
    </Layout>
  );
}
