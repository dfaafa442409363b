import { migration0001 } from './0001-settings.ts';
import { migration0002 } from './0002-intake.ts';
import { migration0003 } from './0003-sync.ts';
import { migration0004 } from './0004-acceptance.ts';
import { migration0005 } from './0005-supervision.ts';
import { migration0006 } from './0006-note-index.ts';
import { migration0007 } from './0007-deadline-units.ts';
import { migration0008 } from './0008-authorities.ts';
import { addLaterColumnsOf0004, migration0009 } from './0009-catch-up.ts';
import { migration0010 } from './0010-server-pin.ts';
import { migration0011 } from './0011-event-signatures.ts';
import { migration0012 } from './0012-keyed-chains.ts';
import { migration0013 } from './0013-queue-privacy.ts';
import { migration0014 } from './0014-commitments.ts';
import { migration0015 } from './0015-identity-source.ts';
import { migration0016 } from './0016-rectifications.ts';
import { migration0017 } from './0017-statistics-indexes.ts';
import type { Migration } from './types.ts';

/**
 * 0005 as landed, run on a device that has the case-row columns 0004 gained
 * after it landed: a device still at the first 0004 would otherwise stop at
 * 0005 (its index names `evaluation`). The landed file stays as it is.
 */
const migration0005AfterTheLater0004: Migration = {
  ...migration0005,
  up(db) {
    addLaterColumnsOf0004(db);
    migration0005.up(db);
  },
};

/** In order; versions run 1, 2, 3… with no gaps (tested). */
export const MIGRATIONS: readonly Migration[] = [
  migration0001,
  migration0002,
  migration0003,
  migration0004,
  migration0005AfterTheLater0004,
  migration0006,
  migration0007,
  migration0008,
  migration0009,
  migration0010,
  migration0011,
  migration0012,
  migration0013,
  migration0014,
  migration0015,
  migration0016,
  migration0017,
];

export const LATEST_SCHEMA_VERSION = MIGRATIONS.at(-1)?.version ?? 0;
