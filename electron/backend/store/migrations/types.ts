// The device's schema steps are the shared SQLite runner's: one definition of
// what a step is, and of what rebuildsTables asks of the runner.
export type { SqliteMigration as Migration } from '../../../../shared-node/sqlite-schema.ts';
