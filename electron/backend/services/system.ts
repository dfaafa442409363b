// What the backend reports of itself: versions and the process to anyone, the database file to the administrator.
import type { DatabaseSync } from 'node:sqlite';
import type { Health } from '../../../shared/rpc/contract.ts';
import { userVersion } from '../store/migrate.ts';

export class SystemInfo {
  private readonly db: DatabaseSync;
  private readonly databaseFile: string;
  private readonly appVersion: string;
  private readonly sqliteVersion: string;
  private readonly startedAt = new Date().toISOString();

  constructor(db: DatabaseSync, databaseFile: string, appVersion: string) {
    this.db = db;
    this.databaseFile = databaseFile;
    this.appVersion = appVersion;
    this.sqliteVersion = (db.prepare('SELECT sqlite_version() AS v').get() as { v: string }).v;
  }

  health(): Health {
    return {
      appVersion: this.appVersion,
      schemaVersion: userVersion(this.db),
      sqliteVersion: this.sqliteVersion,
      nodeVersion: process.versions.node,
      pid: process.pid,
      startedAt: this.startedAt,
    };
  }

  storage(): { databaseFile: string } {
    return { databaseFile: this.databaseFile };
  }
}
