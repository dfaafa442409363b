import { DatabaseSync } from 'node:sqlite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { getSetting, setSetting } from '../settings.ts';
import { migration0001 } from './0001-settings.ts';

let db: DatabaseSync;

beforeEach(() => {
  db = new DatabaseSync(':memory:');
  migration0001.up(db);
});

afterEach(() => {
  db.close();
});

describe('migration 0001: settings', () => {
  it('is version 1, named settings', () => {
    expect(migration0001.version).toBe(1);
    expect(migration0001.name).toBe('settings');
  });

  it('creates settings(key, value, updated_at), all TEXT NOT NULL, key the primary key', () => {
    const columns = db.prepare('PRAGMA table_info(settings)').all() as {
      name: string;
      type: string;
      notnull: number;
      pk: number;
    }[];
    expect(columns.map(({ name, type, notnull, pk }) => ({ name, type, notnull, pk }))).toEqual([
      { name: 'key', type: 'TEXT', notnull: 1, pk: 1 },
      { name: 'value', type: 'TEXT', notnull: 1, pk: 0 },
      { name: 'updated_at', type: 'TEXT', notnull: 1, pk: 0 },
    ]);
  });

  it('is a STRICT table', () => {
    const row = db.prepare("SELECT strict FROM pragma_table_list WHERE name = 'settings'").get() as { strict: number };
    expect(row.strict).toBe(1);
  });

  // STRICT: a TEXT column takes no blob (an ordinary table would store it as is).
  it.each([
    ['value', ['k', new Uint8Array([1, 2, 3]), '2025-01-01']],
    ['updated_at', ['k', 'v', new Uint8Array([0xff])]],
  ] as const)('refuses a blob in %s', (_column, values) => {
    expect(() => db.prepare('INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?)').run(...values)).toThrow(
      /cannot store BLOB/i,
    );
    expect(db.prepare('SELECT count(*) AS n FROM settings').get()).toEqual({ n: 0 });
  });

  it('stores a number given as value as TEXT, never as a number', () => {
    db.prepare('INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?)').run('k', 42, 'now');
    expect(db.prepare("SELECT typeof(value) AS t FROM settings WHERE key = 'k'").get()).toEqual({ t: 'text' });
    expect(typeof getSetting(db, 'k')).toBe('string');
  });

  it('refuses NULL in every column', () => {
    const insert = db.prepare('INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?)');
    expect(() => insert.run('k', null, 'now')).toThrow(/NOT NULL/);
    expect(() => insert.run('k', 'v', null)).toThrow(/NOT NULL/);
  });
});

describe('getSetting / setSetting', () => {
  it('returns undefined for a key never set', () => {
    expect(getSetting(db, 'language')).toBeUndefined();
  });

  it.each([
    ['language', 'zh-CN'],
    ['greeting', '跨省通办 · 收件與受理'],
    ['empty', ''],
    ['emoji', '🏛️ 窗口 1'],
  ])('round-trips %s = %j', (key, value) => {
    setSetting(db, key, value);
    expect(getSetting(db, key)).toBe(value);
  });

  it('overwrites on a second set, keeping one row and updating updated_at', () => {
    setSetting(db, 'language', 'zh-CN');
    const first = db.prepare("SELECT updated_at FROM settings WHERE key = 'language'").get() as { updated_at: string };
    expect(Number.isNaN(Date.parse(first.updated_at))).toBe(false);

    setSetting(db, 'language', 'zh-TW');
    expect(getSetting(db, 'language')).toBe('zh-TW');
    expect(db.prepare('SELECT count(*) AS n FROM settings').get()).toEqual({ n: 1 });
  });

  it('keeps keys apart', () => {
    setSetting(db, 'a', '一');
    setSetting(db, 'b', '二');
    setSetting(db, 'a', '三');
    expect([getSetting(db, 'a'), getSetting(db, 'b')]).toEqual(['三', '二']);
  });
});
