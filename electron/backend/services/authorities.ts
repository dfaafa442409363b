// The register of authorities (办理机关): who issues and seals a region's
// notices on each category of matter, and where its refusals are challenged.
// Seeded with the shipped catalog's (migration 0008), edited by the
// administrator, and added to by a catalog file's `authorities`.
import type { DatabaseSync } from 'node:sqlite';
import {
  authorityKey,
  authoritySchema,
  parseCatalogFile,
  type Authority,
  type MatterCategory,
} from '../../../shared/catalog/index.ts';
import { rejected } from '../../../shared/rpc/framing.ts';

export function writeAuthorities(db: DatabaseSync, authorities: readonly Authority[], at: string): void {
  const upsert = db.prepare(
    `INSERT INTO authorities (region, category, body, updated_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (region, category) DO UPDATE SET body = excluded.body, updated_at = excluded.updated_at`,
  );
  for (const authority of authorities) upsert.run(authority.region, authority.category, JSON.stringify(authority), at);
}

export class AuthorityRegister {
  private readonly db: DatabaseSync;
  private readonly now: () => Date;

  constructor(db: DatabaseSync, now = () => new Date()) {
    this.db = db;
    this.now = now;
  }

  list(): Authority[] {
    return (this.db.prepare('SELECT body FROM authorities ORDER BY region, category').all() as { body: string }[]).map(
      (row) => authoritySchema.parse(JSON.parse(row.body)),
    );
  }

  find(region: string, category: MatterCategory): Authority | null {
    const row = this.db
      .prepare('SELECT body FROM authorities WHERE region = ? AND category = ?')
      .get(region, category) as { body: string } | undefined;
    return row ? authoritySchema.parse(JSON.parse(row.body)) : null;
  }

  save(authority: Authority): Authority {
    writeAuthorities(this.db, [authority], this.now().toISOString());
    return this.find(authority.region, authority.category)!;
  }

  /** True when there was one to remove. */
  remove(region: string, category: MatterCategory): boolean {
    return (
      this.db.prepare('DELETE FROM authorities WHERE region = ? AND category = ?').run(region, category).changes > 0
    );
  }

  /** A catalog file's authorities, all or none; returns their keys. */
  importCatalogFile(fileText: string): string[] {
    let json: unknown;
    try {
      json = JSON.parse(fileText);
    } catch {
      throw rejected('catalog_not_json', 'The file is not JSON.');
    }
    const parsed = parseCatalogFile(json);
    if (!parsed.ok) throw rejected('catalog_invalid', 'The catalog file is not valid.', { detail: parsed.error });
    const authorities = parsed.value.authorities ?? [];
    if (authorities.length === 0) throw rejected('authorities_none', 'The catalog file lists no authorities.');
    this.db.exec('BEGIN IMMEDIATE');
    try {
      writeAuthorities(this.db, authorities, this.now().toISOString());
      this.db.exec('COMMIT');
    } catch (error) {
      this.db.exec('ROLLBACK');
      throw error;
    }
    return authorities.map(authorityKey);
  }
}
