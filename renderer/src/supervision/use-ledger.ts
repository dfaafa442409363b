// The ledger of the chosen day and filters, read from the backend and read
// again when cases change. Unmasked, every reading is an audit entry, so a
// change is only announced (stale) and the supervisor reads again.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Ledger, LedgerFilter } from '../../../shared/supervision/schemas.ts';
import { api } from '../backend.ts';
import { describeError, rpc } from '../rpc.ts';
import { useSession } from '../session/session.tsx';
import { today } from './files.ts';

export type LedgerFilters = Omit<LedgerFilter, 'day'>;

// Sync brings cases.changed in bursts: one reading after the burst settles.
const SETTLE_MS = 300;

export function useLedger() {
  const { t } = useTranslation();
  const { locked } = useSession();
  const [day, setDay] = useState(today);
  const [filters, setFilters] = useState<LedgerFilters>({});
  const [unmasked, setUnmasked] = useState(false);
  const [ledger, setLedger] = useState<Ledger | null>(null);
  const [error, setError] = useState<string | null>(null);
  const query = useMemo(() => ({ day, ...filters, unmasked }), [day, filters, unmasked]);
  // The query the ledger on screen answers; while it differs from the chosen one, a reading is under way.
  const [shownFor, setShownFor] = useState<typeof query | null>(null);
  const loading = shownFor !== query;
  // Unmasked, every reading is an audit entry: changes are announced, not fetched.
  const [stale, setStale] = useState(false);
  const generation = useRef(0);

  const load = useCallback(() => {
    const gen = ++generation.current;
    return rpc('supervision.ledger', query)
      .then(
        (next) => {
          if (gen !== generation.current) return;
          setLedger(next);
          setError(null);
          setStale(false);
        },
        (e: unknown) => gen === generation.current && setError(describeError(e, t)),
      )
      .finally(() => gen === generation.current && setShownFor(query));
  }, [query, t]);

  useEffect(() => {
    if (!locked) void load();
  }, [load, locked]);
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const off = api.on('cases.changed', () => {
      if (unmasked) return setStale(true);
      clearTimeout(timer);
      timer = setTimeout(() => !locked && void load(), SETTLE_MS);
    });
    return () => {
      off();
      clearTimeout(timer);
    };
  }, [load, locked, unmasked]);

  const setFilter = <K extends keyof LedgerFilters>(key: K, value: LedgerFilters[K] | undefined): void =>
    setFilters((f) => ({ ...f, [key]: value }));

  return { day, setDay, filters, setFilter, unmasked, setUnmasked, query, ledger, error, loading, stale, reload: load };
}
