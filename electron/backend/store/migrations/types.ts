import type { DatabaseSync } from 'node:sqlite';

/** One schema step. Each migration file has a test beside it. */
export interface Migration {
  readonly version: number;
  readonly name: string;
  up(db: DatabaseSync): void;
}
