// One partner region's server: the link, what waits to go out, what moves now.
import { useTranslation } from 'react-i18next';
import { Alert, Card, Descriptions, Progress, Tag, Typography } from 'antd';
import type { DescriptionsProps } from 'antd';
import { regionName } from '../../../shared/regions.ts';
import type { RemoteStatus } from '../../../shared/rpc/contract.ts';
import { useLanguage } from '../cases/format.ts';
import { formatAge, formatBytes } from './format.ts';
import { isSending, remoteState, STATE_TAG_COLOR } from './state.ts';
import { localDateTime } from '../../../shared/local-time.ts';

export function RemoteCard({ remote, now, canManage }: { remote: RemoteStatus; now: number; canManage: boolean }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const state = remoteState(remote);
  const none = <Typography.Text type="secondary">{t('sync.remote.none')}</Typography.Text>;

  const items: DescriptionsProps['items'] = [
    {
      key: 'server',
      label: t('sync.remote.server'),
      children: remote.url ? (
        <span data-testid="sync-remote-url">
          {remote.name && <div>{remote.name}</div>}
          <Typography.Text code>{remote.url}</Typography.Text>
        </span>
      ) : (
        <Typography.Text type="secondary">{t('sync.state.notConfigured')}</Typography.Text>
      ),
    },
    {
      key: 'lastSuccess',
      label: t('sync.remote.lastSuccess'),
      children: remote.lastSuccessAt ? (
        <span data-testid="sync-remote-last-success">
          {formatAge(remote.lastSuccessAt, now, language)}
          <Typography.Text type="secondary"> ({localDateTime(remote.lastSuccessAt)})</Typography.Text>
        </span>
      ) : (
        <Typography.Text type="secondary">{t('sync.remote.never')}</Typography.Text>
      ),
    },
    {
      key: 'queue',
      label: t('sync.remote.queue'),
      children: (
        <span data-testid="sync-remote-queue" data-count={remote.queueDepth}>
          {remote.queueDepth > 0 && remote.oldestQueuedAt
            ? t('sync.remote.queueValue', {
                count: remote.queueDepth,
                age: formatAge(remote.oldestQueuedAt, now, language),
              })
            : none}
        </span>
      ),
    },
    {
      key: 'blobs',
      label: t('sync.remote.blobs'),
      children: (
        <span data-testid="sync-remote-blobs">
          {remote.blobsLeft > 0
            ? t('sync.remote.blobsValue', { count: remote.blobsLeft, size: formatBytes(remote.bytesLeft) })
            : none}
        </span>
      ),
    },
    {
      key: 'quarantined',
      label: t('sync.remote.quarantined'),
      children: (
        <Typography.Text
          type={remote.quarantined > 0 ? 'danger' : 'secondary'}
          strong={remote.quarantined > 0}
          data-testid="sync-remote-quarantined"
        >
          {remote.quarantined}
        </Typography.Text>
      ),
    },
  ];

  return (
    <Card
      size="small"
      title={regionName(remote.regionCode, language)}
      extra={
        <Tag color={STATE_TAG_COLOR[state]} data-testid="sync-remote-state" data-state={state}>
          {t(`sync.state.${state}`)}
        </Tag>
      }
      data-testid={`sync-remote-${remote.regionCode}`}
    >
      {state === 'notConfigured' && (
        <Alert
          type="warning"
          showIcon
          title={t('sync.remote.waiting', { count: remote.queueDepth })}
          description={canManage ? t('sync.remote.configureBelow') : t('sync.remote.askAdmin')}
          style={{ marginBottom: 12 }}
          data-testid="sync-remote-not-configured"
        />
      )}
      <Descriptions size="small" column={1} items={items} />
      {remote.sending && isSending(remote) && (
        <div style={{ marginTop: 8 }} data-testid="sync-remote-progress">
          <Typography.Text type="secondary">
            {t('sync.remote.sending', {
              done: formatBytes(remote.sending.done),
              total: formatBytes(remote.sending.total),
            })}
          </Typography.Text>
          <Progress status="active" percent={Math.floor((remote.sending.done / remote.sending.total) * 100)} />
        </div>
      )}
      {remote.lastErrorReason && (
        <Alert
          type="error"
          showIcon
          title={t('sync.remote.notTrusted')}
          description={t(`reasons.${remote.lastErrorReason}`, { defaultValue: remote.lastErrorReason })}
          style={{ marginTop: 12 }}
          data-testid="sync-remote-trust"
        />
      )}
      {remote.lastError && !remote.lastErrorReason && (
        <Alert
          type="error"
          title={t('sync.remote.lastError')}
          description={<Typography.Text code>{remote.lastError}</Typography.Text>}
          style={{ marginTop: 12 }}
          data-testid="sync-remote-error"
        />
      )}
    </Card>
  );
}
