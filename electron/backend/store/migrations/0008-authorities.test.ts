import { DatabaseSync } from 'node:sqlite';
import { describe, expect, it } from 'vitest';
import { SEED_CATALOG } from '../../../../shared/catalog/seed.ts';
import { AuthorityRegister } from '../../services/authorities.ts';
import { migration0001 } from './0001-settings.ts';
import { migration0002 } from './0002-intake.ts';
import { migration0003 } from './0003-sync.ts';
import { migration0004 } from './0004-acceptance.ts';
import { migration0005 } from './0005-supervision.ts';
import { migration0006 } from './0006-note-index.ts';
import { migration0007 } from './0007-deadline-units.ts';
import { migration0008 } from './0008-authorities.ts';

function migrated(): DatabaseSync {
  const db = new DatabaseSync(':memory:');
  for (const m of [
    migration0001,
    migration0002,
    migration0003,
    migration0004,
    migration0005,
    migration0006,
    migration0007,
  ]) {
    m.up(db);
  }
  migration0008.up(db);
  return db;
}

describe('migration 0008 (authorities)', () => {
  it('starts the register with the shipped catalog’s authorities', () => {
    const register = new AuthorityRegister(migrated());
    expect(register.list()).toEqual(
      [...SEED_CATALOG.authorities!].sort((a, b) =>
        `${a.region}/${a.category}`.localeCompare(`${b.region}/${b.category}`),
      ),
    );
    expect(register.find('421127', 'labour_arbitration')?.sealName).toBe('黄梅县劳动人事争议仲裁委员会');
  });

  it('keeps one authority per region and category, in a STRICT table', () => {
    const db = migrated();
    const insert = db.prepare(
      "INSERT INTO authorities (region, category, body, updated_at) VALUES ('421127', 'talent', '{}', 'now')",
    );
    expect(() => insert.run()).toThrow(/UNIQUE|PRIMARY KEY/);
    expect(() =>
      db
        .prepare(
          "INSERT INTO authorities (region, category, body, updated_at) VALUES ('110101', 'talent', x'00', 'now')",
        )
        .run(),
    ).toThrow(/cannot store BLOB/);
  });
});
