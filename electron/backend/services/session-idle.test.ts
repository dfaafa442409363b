import { DatabaseSync } from 'node:sqlite';
import { afterEach, describe, expect, it } from 'vitest';
import { IdleLocks } from './session-idle.ts';

const IDLE_MS = 60_000;
const NOW = Date.parse('2026-11-20T08:00:00.000Z');

let locks: IdleLocks | null = null;
afterEach(() => locks?.stop());

function sessionsDb(rows: { token: string; idleFor: number; locked?: number; ended?: boolean }[]): DatabaseSync {
  const db = new DatabaseSync(':memory:');
  db.exec(`CREATE TABLE sessions (token_hash TEXT PRIMARY KEY, last_seen_at TEXT NOT NULL,
           locked INTEGER NOT NULL DEFAULT 0, ended_at TEXT) STRICT`);
  const insert = db.prepare('INSERT INTO sessions VALUES (?, ?, ?, ?)');
  for (const row of rows) {
    insert.run(
      row.token,
      new Date(NOW - row.idleFor).toISOString(),
      row.locked ?? 0,
      row.ended ? new Date(NOW).toISOString() : null,
    );
  }
  return db;
}

function start(db: DatabaseSync): string[] {
  const told: string[] = [];
  locks?.stop();
  locks = new IdleLocks({ db, idleMs: () => IDLE_MS, onLocked: (hash) => told.push(hash), now: () => NOW });
  locks.schedule();
  return told;
}

const lockedTokens = (db: DatabaseSync): string[] =>
  (
    db.prepare('SELECT token_hash FROM sessions WHERE locked = 1 ORDER BY token_hash').all() as { token_hash: string }[]
  ).map((row) => row.token_hash);

describe('IdleLocks', () => {
  it('locks the open sessions past their deadline and tells each once', () => {
    const db = sessionsDb([
      { token: 'due', idleFor: IDLE_MS },
      { token: 'long-gone', idleFor: 10 * IDLE_MS },
      { token: 'active', idleFor: IDLE_MS - 1 },
      { token: 'ended', idleFor: 10 * IDLE_MS, ended: true },
      { token: 'already', idleFor: 10 * IDLE_MS, locked: 1 },
    ]);
    expect(start(db).sort()).toEqual(['due', 'long-gone']);
    expect(lockedTokens(db)).toEqual(['already', 'due', 'long-gone']);
    // Looking again finds nothing new to tell.
    const again = start(db);
    expect(again).toEqual([]);
  });

  it('a failing look neither throws nor takes the process down', () => {
    const db = sessionsDb([{ token: 'due', idleFor: IDLE_MS }]);
    db.exec('DROP TABLE sessions');
    expect(() => start(db)).not.toThrow();
  });
});
