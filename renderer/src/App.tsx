import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, ConfigProvider, Layout, Menu, Result, Select, Typography } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import zhTW from 'antd/locale/zh_TW';
import { LANGUAGES, languageSchema, type Language } from '../../shared/languages.ts';
import { call } from '../../shared/rpc/client.ts';
import { api } from './backend.ts';
import { useConnectionState } from './hooks.ts';
import { applyLanguage } from './i18n.ts';
import { StatusBar } from './StatusBar.tsx';

const ANTD_LOCALES = { 'zh-CN': zhCN, 'zh-TW': zhTW, en: enUS } as const;
const WORKSPACES = ['intake', 'acceptance', 'supervisor', 'sync', 'settings'] as const;
type Workspace = (typeof WORKSPACES)[number];

export function App() {
  const { t, i18n } = useTranslation();
  const connection = useConnectionState();
  const [workspace, setWorkspace] = useState<Workspace>('intake');
  const language = languageSchema.catch('zh-CN').parse(i18n.language);

  useEffect(() => {
    if (connection !== 'connected') return;
    void call(api, 'settings.getLanguage', {}).then(({ language }) => applyLanguage(language));
  }, [connection]);
  useEffect(() => api.on('settings.languageChanged', ({ language }) => applyLanguage(language)), []);

  const chooseLanguage = (next: Language): void => {
    applyLanguage(next);
    void call(api, 'settings.setLanguage', { language: next });
  };

  return (
    <ConfigProvider locale={ANTD_LOCALES[language]} theme={{ token: { colorPrimary: '#c4161c' } }}>
      <Layout style={{ minHeight: '100vh' }}>
        <Layout.Header style={{ display: 'flex', alignItems: 'center', gap: 16, background: '#fff' }}>
          <Typography.Title level={4} style={{ margin: 0 }} data-testid="app-title">
            {t('app.title')}
          </Typography.Title>
          <Typography.Text type="secondary">{t('app.subtitle')}</Typography.Text>
          <span style={{ flex: 1 }} />
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
        <Layout>
          <Layout.Sider width={180} theme="light">
            <Menu
              data-testid="workspace-nav"
              mode="inline"
              selectedKeys={[workspace]}
              onClick={({ key }) => setWorkspace(key as Workspace)}
              items={WORKSPACES.map((key) => ({ key, label: t(`nav.${key}`) }))}
            />
          </Layout.Sider>
          <Layout.Content style={{ padding: 24 }}>
            <Result
              data-testid={`workspace-${workspace}`}
              status="info"
              title={`${t(`nav.${workspace}`)} · ${t('workspace.notBuilt')}`}
              subTitle={
                <>
                  <div>{t(`workspace.${workspace}`)}</div>
                  <div>{t('workspace.notBuiltDetail', { name: t(`nav.${workspace}`) })}</div>
                </>
              }
            />
          </Layout.Content>
        </Layout>
        <StatusBar connection={connection} />
      </Layout>
    </ConfigProvider>
  );
}
