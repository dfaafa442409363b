// The administrator's banner when sync stopped because this device holds
// older data than a server saw from it (a data folder put back), naming how
// many events are missing; and a quieter note while a restore is announced.
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, Space } from 'antd';
import type { MethodOutput } from '../../../shared/rpc/contract.ts';
import { api } from '../backend.ts';
import { rpc } from '../rpc.ts';
import { useSession } from '../session/session.tsx';

type Status = MethodOutput<'backup.status'>;

export function RollbackBanner() {
  const { t, i18n } = useTranslation();
  const { can } = useSession();
  const admin = can('device.manage');
  const [status, setStatus] = useState<Status | null>(null);
  const load = useCallback(() => {
    if (admin) rpc('backup.status', {}).then(setStatus, () => undefined);
  }, [admin]);

  useEffect(load, [load]);
  useEffect(() => api.on('sync.changed', load), [load]);

  if (!status) return null;
  const when = (at: string): string => new Date(at).toLocaleString(i18n.language);
  return (
    <Space direction="vertical" style={{ width: '100%', marginBottom: status.rollback.length > 0 ? 16 : 0 }}>
      {status.rollback.map((r) => (
        <Alert
          key={r.remoteId}
          type="error"
          showIcon
          data-testid="rollback-banner"
          title={t('backup.rollback.title', { remote: r.remoteName ?? r.remoteId })}
          description={
            <>
              <div>{t('backup.rollback.body', { missing: r.missing, seen: r.highestSeen, reported: r.reported })}</div>
              <div>{t('backup.rollback.action')}</div>
              <div>{t('backup.rollback.detectedAt', { at: when(r.detectedAt) })}</div>
            </>
          }
        />
      ))}
      {status.recovery && (
        <Alert type="info" showIcon title={t('backup.recoveryPending', { at: when(status.recovery.backupAt) })} />
      )}
    </Space>
  );
}
