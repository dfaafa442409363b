// The supervisor's reading of this device: the daily ledger (台账) of every
// case touched and every consultation, the warnings that need someone, and
// statistics over a date range. Screens, exports and the end-of-day close all
// read through here, so they show the same numbers. Each view is a module of
// its own beside this one; this class holds what they read with.
import type { DatabaseSync } from 'node:sqlite';
import type {
  Consultation,
  Ledger,
  LedgerFilter,
  Stats,
  Warnings,
  WarningThresholds,
} from '../../../shared/supervision/schemas.ts';
import type { DeviceKeys } from '../crypto/keys.ts';
import type { CaseClocks } from './case-clock.ts';
import { localDay } from '../../../shared/local-time.ts';
import type { CatalogService } from './catalog.ts';
import { logConsultation } from './consultations.ts';
import { dailyLedger, type Unmasked } from './supervision-ledger.ts';
import { Rectifications } from './rectifications.ts';
import { caseStatistics } from './supervision-stats.ts';
import { currentWarnings, markFollowedUp, setWarningThresholds, warningThresholds } from './supervision-warnings.ts';

export class Supervision {
  private readonly db: DatabaseSync;
  private readonly keys: DeviceKeys;
  private readonly catalog: CatalogService;
  private readonly clocks: CaseClocks;

  constructor(db: DatabaseSync, keys: DeviceKeys, catalog: CatalogService, clocks: CaseClocks) {
    this.db = db;
    this.keys = keys;
    this.catalog = catalog;
    this.clocks = clocks;
  }

  logConsultation(userId: string, input: { matterId: string | null; note: string; minutes: number }): Consultation {
    return logConsultation(this.db, this.keys, this.catalog, userId, input);
  }

  /** Unmasked shows the applicant's full name and ID: the caller has checked the permission; it is audited. */
  ledger(filter: LedgerFilter, unmasked: Unmasked): Ledger {
    return dailyLedger(this.db, this.keys, this.clocks, filter, unmasked);
  }

  thresholds(): WarningThresholds {
    return warningThresholds(this.db);
  }

  setThresholds(userId: string, thresholds: WarningThresholds): WarningThresholds {
    return setWarningThresholds(this.db, userId, thresholds);
  }

  /** What needs someone today, oldest first within each kind. */
  warnings(today = localDay(new Date())): Warnings {
    return currentWarnings(this.db, this.keys, this.catalog, this.clocks, today);
  }

  /** Cases received in [from, to] (local days), at this window or arrived for this desk. */
  stats(from: string, to: string): Stats {
    const stats = caseStatistics(this.db, from, to);
    return { ...stats, rectifications: new Rectifications(this.db, this.keys, this.catalog).stats(from, to) };
  }

  /** Marks bad ratings as followed up by a day close that commented on them. */
  followedUp(caseIds: readonly string[], day: string): void {
    markFollowedUp(this.db, caseIds, day);
  }
}
