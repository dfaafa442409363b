// Pieces the list and the detail show alike.
import { useTranslation } from 'react-i18next';
import { Tag } from 'antd';
import { endsWithoutConclusion, type ClockOutcome } from '../../../shared/case/outcome.ts';
import type { SyncState } from '../../../shared/case/status.ts';

const SYNC_COLORS: Record<SyncState, string> = { queued: 'gold', synced: 'green', quarantined: 'red' };

// Plain flex lines rather than antd's Space and Tooltip: these sit in every row of the case list, which
// is drawn again at each keystroke of a search. `tb-line` lets a narrow column wrap them (global.css).
const LINE = { display: 'inline-flex', alignItems: 'center', gap: 4 } as const;

/** The sync state; a case whose handling region has no exchange server yet also says it has no route. */
export function SyncTag({ state, noRoute = false }: { state: SyncState; noRoute?: boolean }) {
  const { t } = useTranslation();
  return (
    <span className="tb-line" style={{ ...LINE, flexWrap: 'wrap' }}>
      <Tag color={SYNC_COLORS[state]}>{t(`cases.syncStates.${state}`)}</Tag>
      {noRoute && (
        <Tag color="orange" data-testid="case-no-route">
          {t('cases.noRoute')}
        </Tag>
      )}
    </span>
  );
}

/**
 * A deadline, flagged when its year has no loaded holiday calendar: a provisional date never passes for a firm one.
 * A case that ended without a conclusion (不予受理, withdrawn …) has no date to meet: it says how it ended instead.
 */
export function Deadline({
  date,
  provisional,
  emptyText,
  outcome = 'open',
}: {
  date: string | null;
  provisional: boolean;
  emptyText: string;
  /** Open where the caller shows only open cases (warnings). */
  outcome?: ClockOutcome;
}) {
  const { t } = useTranslation();
  if (endsWithoutConclusion(outcome)) {
    return (
      <Tag data-testid="deadline-outcome" data-outcome={outcome}>
        {t(`cases.clockOutcomes.${outcome}`)}
      </Tag>
    );
  }
  if (!date) return emptyText;
  return (
    <span className="tb-line" style={{ ...LINE, whiteSpace: 'nowrap' }}>
      <span>{date}</span>
      {provisional && (
        <Tag color="orange" title={t('cases.provisionalHint')} data-testid="deadline-provisional">
          {t('cases.provisional')}
        </Tag>
      )}
    </span>
  );
}
