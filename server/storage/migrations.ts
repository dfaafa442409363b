// The server schema, one numbered step at a time (run by migrate.ts). Each
// step is a file of its own under migrations/sqlite/, never edited once landed
// (checksums.json beside them): a change to the schema is a new step.
import type { Migration } from './migrate.ts';
import { migration0001 } from './migrations/sqlite/0001-exchange.ts';
import { migration0002 } from './migrations/sqlite/0002-event-signatures.ts';
import { migration0003 } from './migrations/sqlite/0003-anchors.ts';
import { migration0004 } from './migrations/sqlite/0004-at-rest.ts';
import { migration0005 } from './migrations/sqlite/0005-device-positions.ts';
import { migration0006 } from './migrations/sqlite/0006-status-pages.ts';

/** In order; versions run 1, 2, 3… with no gaps. */
export const MIGRATIONS: readonly Migration[] = [
  migration0001,
  migration0002,
  migration0003,
  migration0004,
  migration0005,
  migration0006,
];
