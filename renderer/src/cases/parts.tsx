// Pieces the list and the detail show alike.
import { useTranslation } from 'react-i18next';
import { Space, Tag, Tooltip } from 'antd';
import type { SyncState } from '../../../shared/case/status.ts';

const SYNC_COLORS: Record<SyncState, string> = { queued: 'gold', synced: 'green', quarantined: 'red' };

export function SyncTag({ state }: { state: SyncState }) {
  const { t } = useTranslation();
  return <Tag color={SYNC_COLORS[state]}>{t(`cases.syncStates.${state}`)}</Tag>;
}

/** A deadline, flagged when its year has no loaded holiday calendar (DOMAIN: never silently). */
export function Deadline({
  date,
  provisional,
  emptyText,
}: {
  date: string | null;
  provisional: boolean;
  emptyText: string;
}) {
  const { t } = useTranslation();
  if (!date) return emptyText;
  return (
    <Space size={4} style={{ whiteSpace: 'nowrap' }}>
      <span>{date}</span>
      {provisional && (
        <Tooltip title={t('cases.provisionalHint')}>
          <Tag color="orange" data-testid="deadline-provisional">
            {t('cases.provisional')}
          </Tag>
        </Tooltip>
      )}
    </Space>
  );
}
