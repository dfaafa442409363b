// Where this device keeps its data and which versions it runs, for the
// administrator (and for a support call); the staff's status bar leaves the
// database file's path out.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, Card, Descriptions, Typography } from 'antd';
import type { Health } from '../../../shared/rpc/contract.ts';
import { describeError, rpc } from '../rpc.ts';

export function SystemCard() {
  const { t } = useTranslation();
  const [health, setHealth] = useState<(Health & { databaseFile: string }) | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    Promise.all([rpc('system.health', {}), rpc('system.storage', {})]).then(
      ([versions, storage]) => setHealth({ ...versions, ...storage }),
      (e: unknown) => setError(describeError(e, t)),
    );
  }, [t]);

  return (
    <Card title={t('admin.system.title')} style={{ maxWidth: 560, marginTop: 16 }} data-testid="system-card">
      {error && <Alert type="error" showIcon title={error} />}
      {health && (
        <Descriptions column={1} size="small">
          <Descriptions.Item label={t('status.database')}>
            <Typography.Text copyable data-testid="system-database">
              {health.databaseFile}
            </Typography.Text>
          </Descriptions.Item>
          <Descriptions.Item label={t('status.schema')}>
            <span data-testid="system-schema">{health.schemaVersion}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t('status.appVersion')}>{health.appVersion}</Descriptions.Item>
          <Descriptions.Item label={t('admin.system.runtime')}>
            SQLite {health.sqliteVersion} · Node {health.nodeVersion}
          </Descriptions.Item>
        </Descriptions>
      )}
    </Card>
  );
}
