// What closing a day would sign: the chosen day's summary and its open
// warnings, read from the backend whenever the day changes or the screen unlocks.
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MethodOutput } from '../../../shared/rpc/contract.ts';
import { describeError, rpc } from '../rpc.ts';
import { useSession } from '../session/session.tsx';
import { today } from './files.ts';

export type ClosePreview = MethodOutput<'supervision.closePreview'>;

export function useClosePreview(): {
  day: string;
  setDay(day: string): void;
  /** The preview of the chosen day; null while it is read. */
  shown: ClosePreview | null;
  loadError: string | null;
  reload(): Promise<void>;
} {
  const { t } = useTranslation();
  const { locked } = useSession();
  const [day, setDay] = useState(today);
  const [preview, setPreview] = useState<ClosePreview | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);

  const reload = useCallback(
    () =>
      rpc('supervision.closePreview', { day }).then(
        (next) => {
          setPreview(next);
          setLoadError(null);
        },
        (e: unknown) => setLoadError(describeError(e, t)),
      ),
    [day, t],
  );
  useEffect(() => {
    if (!locked) void reload();
  }, [reload, locked]);

  return { day, setDay, shown: preview?.day === day ? preview : null, loadError, reload };
}
