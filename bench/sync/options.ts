// What a run of the sync benchmark is asked to do (bench/sync.ts reads it
// from the command line).
export interface SyncOptions {
  /** The drain's backlog: cases, scans per case and each scan's size in bytes. */
  cases: number;
  scansPerCase: number;
  scanBytes: number;
  /** The storm: devices, and events each pushes. */
  devices: number;
  events: number;
  /** The spread storm's devices arrive at seeded uniform-random moments over this many seconds. */
  stormSpreadS: number;
  /** The drain's server runs with `--rate` this many requests per second. */
  rate: number;
  seed: number;
  store: 'postgres' | 'sqlite';
  /** Where the drain's server keeps the scans: its data folder, or its PostgreSQL database (group-committed). */
  blobStore: 'folder' | 'postgresql';
  /** The comparisons beside the drain: the raw floor, and PouchDB (installed on demand). */
  floor: boolean;
  pouchdb: boolean;
  /** A drain that makes no progress for this long, or is not done after the timeout, fails the run. */
  drainStallMs: number;
  drainTimeoutMs: number;
  /** A PostgreSQL role with CREATEDB: the run's databases are made and dropped through it. */
  databaseUrl: string;
  /** The drain's database; the storm's is this name with `_storm`. */
  database: string;
}
