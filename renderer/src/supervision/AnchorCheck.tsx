// The closed days against the anchors the exchange servers keep: read again
// each time the closed days are, shown as a tag per day, with a red notice
// for a day this device's data no longer agrees with, and a word for each
// server that could not be asked or holds another key for this device.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, Tag } from 'antd';
import type { AnchorCheck, AnchorState } from '../../../shared/rpc/methods/day-close.ts';
import type { DayClose } from '../../../shared/supervision/schemas.ts';
import { describeError, rpc } from '../rpc.ts';

const COLORS: Record<AnchorState, string> = {
  intact: 'green',
  altered: 'red',
  not_anchored: 'default',
  unreachable: 'orange',
};

/** Asked again whenever the list of closed days is read again. */
export function useAnchorCheck(closedDays: DayClose[] | null): {
  check: AnchorCheck | null;
  error: string | null;
} {
  const { t } = useTranslation();
  const [check, setCheck] = useState<AnchorCheck | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (closedDays === null) return;
    let current = true;
    rpc('supervision.anchorCheck', { limit: Math.max(1, closedDays.length) }).then(
      (result) => {
        if (!current) return;
        setCheck(result);
        setError(null);
      },
      (e: unknown) => current && setError(describeError(e, t)),
    );
    return () => {
      current = false;
    };
  }, [closedDays, t]);
  return { check, error };
}

export function AnchorTag({ check, day }: { check: AnchorCheck | null; day: string }) {
  const { t } = useTranslation();
  if (!check)
    return (
      <Tag data-testid="anchor-state" data-state="checking">
        {t('supervision.close.anchor.checking')}
      </Tag>
    );
  const state = check.days.find((d) => d.day === day)?.state ?? 'not_anchored';
  return (
    <Tag color={COLORS[state]} data-testid="anchor-state" data-state={state} data-day={day}>
      {t(`supervision.close.anchor.states.${state}`)}
    </Tag>
  );
}

export function AnchorAlerts({ check, error }: { check: AnchorCheck | null; error: string | null }) {
  const { t } = useTranslation();
  if (error) return <Alert type="warning" showIcon title={error} />;
  if (!check) return null;
  return (
    <>
      {check.days
        .filter((d) => d.state === 'altered')
        .map((d) => (
          <Alert
            key={d.day}
            type="error"
            showIcon
            data-testid="anchor-altered"
            data-day={d.day}
            title={t('supervision.close.anchor.alteredTitle', { day: d.day })}
            description={t('supervision.close.anchor.alteredHint')}
          />
        ))}
      {check.servers
        .filter((s) => !s.reachable)
        .map((s) => (
          <Alert
            key={`unreachable-${s.name}`}
            type="warning"
            showIcon
            data-testid="anchor-unreachable"
            title={t('supervision.close.anchor.unreachable', { name: s.name })}
          />
        ))}
      {check.servers
        .filter((s) => s.keyMatches === false)
        .map((s) => (
          <Alert
            key={`key-${s.name}`}
            type="error"
            showIcon
            data-testid="anchor-key-mismatch"
            title={t('supervision.close.anchor.keyMismatch', { name: s.name })}
          />
        ))}
    </>
  );
}
