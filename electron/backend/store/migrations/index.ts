import { migration0001 } from './0001-settings.ts';
import { migration0002 } from './0002-intake.ts';
import { migration0003 } from './0003-sync.ts';
import { migration0004 } from './0004-acceptance.ts';
import { migration0005 } from './0005-supervision.ts';
import { migration0006 } from './0006-note-index.ts';
import { migration0007 } from './0007-deadline-units.ts';
import { migration0008 } from './0008-authorities.ts';
import { migration0009 } from './0009-catch-up.ts';
import type { Migration } from './types.ts';

/** In order; versions run 1, 2, 3… with no gaps (tested). */
export const MIGRATIONS: readonly Migration[] = [
  migration0001,
  migration0002,
  migration0003,
  migration0004,
  migration0005,
  migration0006,
  migration0007,
  migration0008,
  migration0009,
];

export const LATEST_SCHEMA_VERSION = MIGRATIONS.at(-1)?.version ?? 0;
