// M5: the server kept payloads and scans forever. Now a case's payloads and
// scans are purged a set number of days after it concluded and every party
// device pulled past its last event; ids and hashes stay, and a pull of a
// purged event answers a marker, not an error.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { PURGED_KEY } from '../../server/at-rest/payloads.ts';
import { atRestRowsOf } from '../../server/at-rest/rows.ts';
import { runCommand } from '../../server/cli.ts';
import { FolderBackend } from '../../server/blob-store/folder.ts';
import { applyRetention, planRetention } from '../../server/retention.ts';
import { APPLICANT, TEST_IDENTITY } from '../support/server.ts';
import { acknowledge, CONCLUDED, exchangeSite, pushCase, type ExchangeSite, type PushedCase } from './exchange-case.ts';

const DAY = 24 * 3600_000;
let site: ExchangeSite | undefined;
afterEach(async () => {
  await site?.server.close();
  site = undefined;
});

function blobFile(sha256: string): string {
  return join(site!.server.dataDir, 'blobs', sha256.slice(0, 2), sha256);
}

/** Each event of the case as the store keeps it (sealed, or the purged marker) with its hash. */
async function kept(pushed: PushedCase): Promise<{ eventId: string; contentHash: string; payload: unknown }[]> {
  return Promise.all(
    pushed.events.map(async (event) => {
      const row = (await site!.server.store.event(event.eventId))!;
      return { eventId: row.eventId, contentHash: row.contentHash, payload: row.payload };
    }),
  );
}

const purged = (payload: unknown): boolean => typeof payload === 'object' && payload !== null && PURGED_KEY in payload;

/**
 * Three cases: `done` concluded, and pulled by both devices; `unacknowledged`
 * concluded after the desk last pulled; `open` accepted only, pulled by both.
 */
async function threeCases(): Promise<{ done: PushedCase; unacknowledged: PushedCase; open: PushedCase }> {
  site = await exchangeSite();
  const done = await pushCase(site, CONCLUDED);
  const open = await pushCase(site, ['case.accepted']);
  await acknowledge(site.window3);
  await acknowledge(site.desk);
  const unacknowledged = await pushCase(site, CONCLUDED);
  await acknowledge(site.window3);
  return { done, unacknowledged, open };
}

describe('M5 retention purges concluded, acknowledged cases only', () => {
  it('the dry run lists what would go, by case id and counts, and changes nothing', async () => {
    const { done, unacknowledged, open } = await threeCases();
    const before = await Promise.all([done, unacknowledged, open].map(kept));
    const out: string[] = [];
    const err: string[] = [];
    const previous = process.env.TONGBAN_RETENTION_DAYS;
    process.env.TONGBAN_RETENTION_DAYS = '0';
    try {
      const code = await runCommand(
        'retention',
        [],
        { 'dry-run': true, 'data-dir': site!.server.dataDir },
        site!.server.store,
        { out: (line) => out.push(line), err: (line) => err.push(line) },
        () => TEST_IDENTITY,
      );
      expect(code).toBe(0);
    } finally {
      if (previous === undefined) delete process.env.TONGBAN_RETENTION_DAYS;
      else process.env.TONGBAN_RETENTION_DAYS = previous;
    }
    const text = [...out, ...err].join('\n');
    expect(text).toContain(done.caseId);
    expect(out.join('\n')).not.toContain(unacknowledged.caseId);
    expect(text).not.toContain(open.caseId);
    expect(text).toContain('1 case(s): 4 payload(s)');
    for (const secret of [APPLICANT.name, APPLICANT.idNumber, APPLICANT.phone]) expect(text).not.toContain(secret);
    expect(await Promise.all([done, unacknowledged, open].map(kept))).toEqual(before);
    expect(existsSync(blobFile(done.scan.sha256))).toBe(true);
  });

  it('apply purges only the concluded and acknowledged case older than the limit, keeping ids and hashes', async () => {
    const { done, unacknowledged, open } = await threeCases();
    const rows = atRestRowsOf(site!.server.store)!;
    const { store } = site!.server;

    // Not old enough yet: nothing goes.
    const early = await planRetention(store, rows, { days: 30, now: new Date(Date.now() + 29 * DAY) });
    expect(early.purge).toEqual([]);

    const later = new Date(Date.now() + 31 * DAY);
    const plan = await planRetention(store, rows, { days: 30, now: later });
    expect(plan.purge.map((c) => c.caseId)).toEqual([done.caseId]);
    expect(plan.waiting).toEqual([unacknowledged.caseId]);
    const result = await applyRetention(rows, plan, new FolderBackend(site!.server.dataDir), later);
    expect(result).toMatchObject({ cases: 1, payloads: 4, blobs: 1 });

    const after = await kept(done);
    expect(after.map((e) => e.eventId)).toEqual(done.events.map((e) => e.eventId));
    expect(after.map((e) => e.contentHash)).toEqual(done.events.map((e) => e.contentHash));
    expect(after.every((e) => purged(e.payload))).toBe(true);
    expect(existsSync(blobFile(done.scan.sha256))).toBe(false);
    expect(await store.blob(done.scan.sha256)).toBeNull();

    for (const keptCase of [unacknowledged, open]) {
      expect((await kept(keptCase)).some((e) => purged(e.payload))).toBe(false);
      expect(existsSync(blobFile(keptCase.scan.sha256))).toBe(true);
    }
    // Running again finds nothing more to do.
    expect((await planRetention(store, rows, { days: 30, now: later })).purge).toEqual([]);
  });

  it('a pull of a purged event answers the event with a purged marker, not an error', async () => {
    const { done, unacknowledged } = await threeCases();
    const rows = atRestRowsOf(site!.server.store)!;
    const later = new Date(Date.now() + 31 * DAY);
    const plan = await planRetention(site!.server.store, rows, { days: 30, now: later });
    await applyRetention(rows, plan, new FolderBackend(site!.server.dataDir), later);
    const page = await site!.desk.pull(0);
    const events = page.events.filter((e) => e.caseId === done.caseId);
    expect(events.map((e) => e.eventId)).toEqual(done.events.map((e) => e.eventId));
    expect(events.every((e) => purged(e.payload))).toBe(true);
    const intact = page.events.filter((e) => e.caseId === unacknowledged.caseId);
    expect(intact.map((e) => e.payload)).toEqual(unacknowledged.events.map((e) => e.payload));
    expect((await site!.desk.request('GET', `/blobs/${done.scan.sha256}`)).status).toBe(404);
  });

  it('a case concluded but not yet pulled by the desk is kept, however old', async () => {
    const { unacknowledged } = await threeCases();
    const rows = atRestRowsOf(site!.server.store)!;
    const plan = await planRetention(site!.server.store, rows, { days: 1, now: new Date(Date.now() + 3650 * DAY) });
    expect(plan.purge.map((c) => c.caseId)).not.toContain(unacknowledged.caseId);
    await acknowledge(site!.desk);
    const now = await planRetention(site!.server.store, rows, { days: 1, now: new Date(Date.now() + 3650 * DAY) });
    expect(now.purge.map((c) => c.caseId)).toContain(unacknowledged.caseId);
  });
});
