import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Badge, Layout, Space, Typography } from 'antd';
import type { Health } from '../../shared/rpc/contract.ts';
import { call, type ConnectionState } from '../../shared/rpc/client.ts';
import { api } from './backend.ts';
import { useOnline } from './hooks.ts';
import { SyncBadge } from './sync/SyncBadge.tsx';

/** What everyone at the window may see; where the database file lies is for the administrator (SystemCard). */
export function StatusBar({ connection }: { connection: ConnectionState }) {
  const { t } = useTranslation();
  const online = useOnline();
  const [health, setHealth] = useState<Health | null>(null);

  useEffect(() => {
    if (connection !== 'connected') return;
    void call(api, 'system.health', {}).then(setHealth);
  }, [connection]);

  const backend =
    connection === 'connected' ? (
      <Badge status="success" text={t('status.connected')} />
    ) : connection === 'reconnecting' ? (
      <Badge status="error" text={t('status.restarting')} />
    ) : (
      <Badge status="processing" text={t('status.connecting')} />
    );

  return (
    <Layout.Footer style={{ padding: '6px 16px', borderTop: '1px solid #eee' }} data-testid="status-bar">
      <Space size="large" wrap>
        <span data-testid="status-backend">
          {t('status.backend')}: {backend}
        </span>
        <SyncBadge />
        <span data-testid="status-network">
          {t('status.network')}:{' '}
          <Badge status={online ? 'success' : 'default'} text={online ? t('status.online') : t('status.offline')} />
        </span>
        <Typography.Text data-testid="status-schema">
          {t('status.schema')}: {health?.schemaVersion ?? '—'}
        </Typography.Text>
        <Typography.Text data-testid="status-app-version">
          {t('status.appVersion')}: {health?.appVersion ?? '—'}
        </Typography.Text>
      </Space>
    </Layout.Footer>
  );
}
