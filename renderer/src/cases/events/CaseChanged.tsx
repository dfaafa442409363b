// The note an open form shows when the case changed underneath it, and the
// gate its submit passes: see changes.ts.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from 'antd';
import type { CaseDetail } from '../../../../shared/rpc/contract.ts';
import { changedTypes, eventsSince, mustConfirm } from './changes.ts';
import { viewOf } from './registry.ts';
import type { RecordableEventType } from './types.ts';

export function useCaseChanges(detail: CaseDetail, type: RecordableEventType) {
  const { t } = useTranslation();
  // The case as the form opened on it; later readings of the detail are compared with it.
  const [seen] = useState(() => new Set(detail.timeline.map((entry) => entry.eventId)));
  const [confirmed, setConfirmed] = useState<ReadonlySet<string>>(new Set());
  const changes = eventsSince(seen, detail.timeline);
  const pending = mustConfirm(changes, confirmed);

  /** True where this submit only confirms the changes; the next one sends. */
  const stopToConfirm = (): boolean => {
    if (!pending) return false;
    setConfirmed(new Set(changes.map((entry) => entry.eventId)));
    return true;
  };

  const events = changedTypes(changes)
    .map((changed) => {
      const view = viewOf(changed);
      return view ? t(view.label) : changed;
    })
    .join(t('formChanges.separator'));
  const note =
    changes.length === 0 ? null : (
      <Alert
        type="warning"
        showIcon
        style={{ marginBottom: 16 }}
        title={t('formChanges.changed', { events })}
        description={[
          ...(detail.nextActions.includes(type) ? [] : [t('formChanges.noLongerOffered')]),
          t(pending ? 'formChanges.confirmFirst' : 'formChanges.confirmed'),
        ].join(' ')}
        data-testid="action-case-changed"
        data-confirmed={pending ? 'no' : 'yes'}
      />
    );
  return { stopToConfirm, note };
}
