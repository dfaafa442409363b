// The Sync workspace: each partner region's server and how the link stands,
// "sync now" (Ctrl+S), enrolling with a new server (administrators), and
// the quarantine of events a server refused.
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, Button, Empty, Flex, Space, Spin, Typography, message } from 'antd';
import { SyncOutlined } from '@ant-design/icons';
import { regionName } from '../../../shared/regions.ts';
import type { RemoteStatus } from '../../../shared/rpc/contract.ts';
import { api } from '../backend.ts';
import { useLanguage } from '../cases/format.ts';
import { describeError, rpc } from '../rpc.ts';
import { useSession } from '../session/session.tsx';
import { AddRemoteForm } from './AddRemoteForm.tsx';
import { useNow } from './format.ts';
import { QuarantineList, type QuarantineEntry } from './QuarantineList.tsx';
import { RemoteCard } from './RemoteCard.tsx';
import { useSyncStatus } from './use-sync-status.ts';

export function SyncWorkspace() {
  const { t } = useTranslation();
  const language = useLanguage();
  const { can, locked } = useSession();
  const [toast, toastHolder] = message.useMessage();
  const { remotes, error } = useSyncStatus();
  const now = useNow();
  const [starting, setStarting] = useState(false);
  const [quarantine, setQuarantine] = useState<QuarantineEntry[] | null>(null);
  const [quarantineError, setQuarantineError] = useState<string | null>(null);

  const syncNow = useCallback(async () => {
    setStarting(true);
    try {
      await rpc('sync.now', {});
      // With no server configured, "sync now" has nothing to do: say so rather than pretend.
      const configured = remotes?.some((r) => r.url !== null) ?? false;
      void (configured ? toast.success(t('sync.nowStarted')) : toast.info(t('sync.nowNothing')));
    } catch (e) {
      void toast.error(describeError(e, t));
    } finally {
      setStarting(false);
    }
  }, [remotes, t, toast]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if (!(e.ctrlKey || e.metaKey) || e.altKey || e.shiftKey || e.key.toLowerCase() !== 's') return;
      // The browser's "save page" never makes sense here.
      e.preventDefault();
      if (!locked) void syncNow();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [locked, syncNow]);

  const loadQuarantine = useCallback(
    () =>
      rpc('sync.quarantine', {}).then(
        (entries) => {
          setQuarantine(entries);
          setQuarantineError(null);
        },
        (e: unknown) => setQuarantineError(describeError(e, t)),
      ),
    [t],
  );
  // Progress pushes come several times a second: the list is asked again only when a count moves.
  const quarantinedCounts = remotes?.map((r) => `${r.remoteId}:${r.quarantined}`).join(',');
  useEffect(() => {
    if (!locked) void loadQuarantine();
  }, [quarantinedCounts, locked, loadQuarantine]);
  useEffect(
    () =>
      api.on('cases.changed', () => {
        if (!locked) void loadQuarantine();
      }),
    [locked, loadQuarantine],
  );

  // Regions cases were routed to that no exchange server serves yet: their cases wait here until one is added.
  const unrouted = remotes?.filter((r) => r.url === null && r.queuedCases > 0) ?? [];

  const added = (remote: RemoteStatus): void =>
    void toast.success(t('sync.add.done', { region: regionName(remote.regionCode, language) }));

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }} data-testid="workspace-sync">
      {toastHolder}
      <Flex align="center" gap={16} wrap>
        <Typography.Text type="secondary" style={{ flex: 1, minWidth: 280 }}>
          {t('sync.intro')}
        </Typography.Text>
        <Button
          type="primary"
          icon={<SyncOutlined spin={starting} />}
          onClick={() => void syncNow()}
          aria-keyshortcuts="Control+S"
          data-testid="sync-now"
        >
          {t('sync.now')}
          <Typography.Text keyboard style={{ color: 'inherit' }}>
            Ctrl+S
          </Typography.Text>
        </Button>
      </Flex>
      {error && <Alert type="error" showIcon title={error} data-testid="sync-error" />}
      {unrouted.length > 0 && (
        <Alert
          type="warning"
          showIcon
          title={t('sync.noRoute.title')}
          description={
            <ul style={{ margin: 0 }}>
              {unrouted.map((r) => (
                <li key={r.remoteId} data-testid={`sync-no-route-${r.regionCode}`}>
                  {t('sync.noRoute.region', { region: regionName(r.regionCode, language), count: r.queuedCases })}
                </li>
              ))}
            </ul>
          }
          data-testid="sync-no-route"
        />
      )}
      {remotes === null ? (
        !error && <Spin />
      ) : remotes.length === 0 ? (
        <Empty description={t('sync.empty')} data-testid="sync-empty" />
      ) : (
        <Flex gap={16} wrap data-testid="sync-remotes">
          {remotes.map((remote) => (
            <div key={remote.remoteId} style={{ flex: '1 1 420px', maxWidth: 640 }}>
              <RemoteCard remote={remote} now={now} canManage={can('sync.manage')} />
            </div>
          ))}
        </Flex>
      )}
      {can('sync.manage') && <AddRemoteForm onAdded={added} />}
      <QuarantineList entries={quarantine} error={quarantineError} />
    </Space>
  );
}
