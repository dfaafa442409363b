// The status bar's view of sync on every screen: what waits to go out, what
// was refused, whether anything is moving; the tooltip names each remote.
import { useTranslation } from 'react-i18next';
import { Badge, Tooltip } from 'antd';
import { regionName } from '../../../shared/regions.ts';
import type { RemoteStatus } from '../../../shared/rpc/contract.ts';
import { useLanguage } from '../cases/format.ts';
import { useSession } from '../session/session.tsx';
import { formatBytes } from './format.ts';
import { isSending, remoteState, STATE_BADGE } from './state.ts';
import { useSyncStatus } from './use-sync-status.ts';

export function SyncBadge() {
  const { info, can } = useSession();
  if (!info || !can('sync.read')) return null;
  return <SyncBadgeBody />;
}

type DotStatus = 'success' | 'processing' | 'default';

/** Moving beats everything; green only when every configured remote answered. */
function overall(remotes: RemoteStatus[]): DotStatus {
  if (remotes.some(isSending)) return 'processing';
  const configured = remotes.filter((r) => r.url !== null);
  return configured.length > 0 && configured.every((r) => r.online === true) ? 'success' : 'default';
}

function SyncBadgeBody() {
  const { t } = useTranslation();
  const { remotes } = useSyncStatus();
  const list = remotes ?? [];
  const waiting = list.reduce((sum, r) => sum + r.queueDepth, 0);
  const quarantined = list.reduce((sum, r) => sum + r.quarantined, 0);

  return (
    <Tooltip title={<RemoteLines remotes={list} />} trigger={['hover', 'focus']}>
      {/* Focusable, so the keyboard reaches the tooltip too. */}
      <span tabIndex={0} data-testid="sync-badge" data-queued={waiting} data-quarantined={quarantined}>
        {t('sync.badge.label')}:{' '}
        <Badge
          status={overall(list)}
          text={waiting > 0 ? t('sync.badge.waiting', { count: waiting }) : t('sync.badge.nothingWaiting')}
        />
        {quarantined > 0 && (
          <Badge
            count={quarantined}
            size="small"
            title={t('sync.badge.quarantined', { count: quarantined })}
            style={{ marginInlineStart: 8 }}
            data-testid="sync-badge-quarantined"
          />
        )}
      </span>
    </Tooltip>
  );
}

function RemoteLines({ remotes }: { remotes: RemoteStatus[] }) {
  const { t } = useTranslation();
  const language = useLanguage();
  if (remotes.length === 0) return t('sync.badge.noRemotes');
  return (
    <div data-testid="sync-badge-detail">
      {remotes.map((remote) => {
        const state = remoteState(remote);
        return (
          <div key={remote.remoteId} style={{ marginBottom: 4 }}>
            <div>{regionName(remote.regionCode, language)}</div>
            <div>
              {/* A bare dot: the badge's own text colour is unreadable on the dark tooltip. */}
              <Badge status={STATE_BADGE[state]} /> {t(`sync.state.${state}`)}
              {' · '}
              {remote.queueDepth > 0
                ? t('sync.badge.waiting', { count: remote.queueDepth })
                : t('sync.badge.nothingWaiting')}
              {remote.quarantined > 0 && ` · ${t('sync.badge.quarantined', { count: remote.quarantined })}`}
              {remote.sending &&
                isSending(remote) &&
                ` · ${t('sync.badge.sending')} ${formatBytes(remote.sending.done)} / ${formatBytes(remote.sending.total)}`}
            </div>
          </div>
        );
      })}
    </div>
  );
}
