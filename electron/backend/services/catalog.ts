// The catalogs and working-day calendars in force. The shipped ones serve
// until a server publishes its own (the sync issue); calendar years can be
// imported from a file, e.g. the State Council's arrangement for next year.
import type { DatabaseSync } from 'node:sqlite';
import {
  SEED_CALENDAR,
  SEED_CATALOG,
  calendarYearSchema,
  catalogSchema,
  parseCalendarFile,
  parseCatalogFile,
  type CalendarYear,
  type Catalog,
  type Matter,
} from '../../../shared/catalog/index.ts';
import { rejected } from '../../../shared/rpc/framing.ts';
import { writeAuthorities } from './authorities.ts';

export class CatalogService {
  private readonly db: DatabaseSync;
  private calendarCache: CalendarYear[] | null = null;

  constructor(db: DatabaseSync) {
    this.db = db;
  }

  catalogs(): Catalog[] {
    const installed = (this.db.prepare('SELECT body FROM catalogs ORDER BY issuer').all() as { body: string }[]).map(
      (row) => catalogSchema.parse(JSON.parse(row.body)),
    );
    return installed.some((c) => c.issuer === SEED_CATALOG.issuer) ? installed : [SEED_CATALOG, ...installed];
  }

  matters(): Matter[] {
    return this.catalogs().flatMap((catalog) => catalog.matters);
  }

  matter(matterId: string): { matter: Matter; catalog: Catalog } | null {
    for (const catalog of this.catalogs()) {
      const matter = catalog.matters.find((m) => m.id === matterId);
      if (matter) return { matter, catalog };
    }
    return null;
  }

  /**
   * Read once and kept: every list row with a running clock asks for them, and
   * only importCalendar, in this process that owns the database, changes them.
   */
  calendars(): CalendarYear[] {
    if (this.calendarCache) return this.calendarCache;
    const byYear = new Map(SEED_CALENDAR.map((year) => [year.year, year]));
    for (const row of this.db.prepare('SELECT body FROM calendar_years').all() as { body: string }[]) {
      const year = calendarYearSchema.parse(JSON.parse(row.body));
      byYear.set(year.year, year);
    }
    this.calendarCache = [...byYear.values()].sort((a, b) => a.year - b.year);
    return this.calendarCache;
  }

  /**
   * Installs a catalog file (`{"schemaVersion":1,"issuer":…,"matters":[…]}`) in
   * place of the one from the same issuer, with the authorities it lists.
   * Matters without a limit unit count working days; a labour-dispute matter
   * without calendar days is refused by the catalog schema, and nothing is written.
   */
  importCatalog(fileText: string, at: Date): { issuer: string; version: string; matters: number } {
    let json: unknown;
    try {
      json = JSON.parse(fileText);
    } catch {
      throw rejected('catalog_not_json', 'The catalog file is not JSON.');
    }
    const parsed = parseCatalogFile(json);
    if (!parsed.ok) throw rejected('catalog_invalid', 'The catalog file is not valid.', { detail: parsed.error });
    const catalog = parsed.value;
    this.db.exec('BEGIN IMMEDIATE');
    try {
      this.db
        .prepare(
          `INSERT INTO catalogs (issuer, version, body, installed_at) VALUES (?, ?, ?, ?)
           ON CONFLICT (issuer) DO UPDATE SET version = excluded.version, body = excluded.body,
             installed_at = excluded.installed_at`,
        )
        .run(catalog.issuer, catalog.version, JSON.stringify(catalog), at.toISOString());
      writeAuthorities(this.db, catalog.authorities ?? [], at.toISOString());
      this.db.exec('COMMIT');
    } catch (error) {
      this.db.exec('ROLLBACK');
      throw error;
    }
    return { issuer: catalog.issuer, version: catalog.version, matters: catalog.matters.length };
  }

  importCalendar(fileText: string): number[] {
    let json: unknown;
    try {
      json = JSON.parse(fileText);
    } catch {
      throw rejected('calendar_not_json', 'The calendar file is not JSON.');
    }
    const parsed = parseCalendarFile(json);
    if (!parsed.ok) throw rejected('calendar_invalid', 'The calendar file is not valid.', { detail: parsed.error });
    const at = new Date().toISOString();
    const insert = this.db.prepare(
      'INSERT INTO calendar_years (year, body, installed_at) VALUES (?, ?, ?) ON CONFLICT (year) DO UPDATE SET body = excluded.body, installed_at = excluded.installed_at',
    );
    this.db.exec('BEGIN IMMEDIATE');
    try {
      for (const year of parsed.value.years) insert.run(year.year, JSON.stringify(year), at);
      this.db.exec('COMMIT');
      this.calendarCache = null;
    } catch (error) {
      this.db.exec('ROLLBACK');
      throw error;
    }
    return parsed.value.years.map((y) => y.year);
  }
}
