import { SEED_CATALOG } from '../../../../shared/catalog/seed.ts';
import { writeAuthorities } from '../../services/authorities.ts';
import type { Migration } from './types.ts';

// The register of authorities that issue and seal the notices, one per region
// and category of matter (the body is the shared authority schema's JSON). A
// new install starts with the shipped catalog's, so its notices print at once.
export const migration0008: Migration = {
  version: 8,
  name: 'authorities',
  up(db) {
    db.exec(`
      CREATE TABLE authorities (
        region TEXT NOT NULL,
        category TEXT NOT NULL,
        body TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        PRIMARY KEY (region, category)
      ) STRICT;
    `);
    writeAuthorities(db, SEED_CATALOG.authorities ?? [], new Date().toISOString());
  },
};
