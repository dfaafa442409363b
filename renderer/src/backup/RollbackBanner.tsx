// The administrator's banner when sync stopped because this device holds
// older data than a server saw from it (a data folder put back), naming how
// many events are missing, with the way back: a recovery announced to the
// servers, which give back what they hold; and a quieter note while a
// recovery is under way.
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, Button, Modal, Space } from 'antd';
import type { MethodOutput } from '../../../shared/rpc/contract.ts';
import { api } from '../backend.ts';
import { describeError, rpc } from '../rpc.ts';
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

  const recover = (): void => {
    Modal.confirm({
      content: t('backup.rollback.recoverConfirm'),
      onOk: () =>
        rpc('backup.recoverFromServers', {}).then(setStatus, (e: unknown) =>
          Modal.error({ content: describeError(e, t) }),
        ),
    });
  };

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
              {r.missing > 0 && (
                <div>
                  {t('backup.rollback.body', { missing: r.missing, seen: r.highestSeen, reported: r.reported })}
                </div>
              )}
              {r.missingCloses.length > 0 && (
                <div data-testid="rollback-closes">
                  {t('backup.rollback.closes', { days: r.missingCloses.join(t('backup.rollback.daySeparator')) })}
                </div>
              )}
              <div>{t('backup.rollback.action')}</div>
              <div>{t('backup.rollback.detectedAt', { at: when(r.detectedAt) })}</div>
            </>
          }
          action={
            <Button danger onClick={recover} data-testid="rollback-recover">
              {t('backup.rollback.recover')}
            </Button>
          }
        />
      ))}
      {status.recovery && (
        <Alert type="info" showIcon title={t('backup.recoveryPending', { at: when(status.recovery.backupAt) })} />
      )}
    </Space>
  );
}
