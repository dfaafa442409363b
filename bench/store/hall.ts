// The hall database's measurements: the case list's searches and a busy
// day's list through CaseQueries.list, and the real intake submit.
import type { DatabaseSync } from 'node:sqlite';
import { BlobStore } from '../../electron/backend/services/blobs.ts';
import { CaseClocks } from '../../electron/backend/services/case-clock.ts';
import { CaseQueries, TOTAL_CAP } from '../../electron/backend/services/cases.ts';
import { IntakeService } from '../../electron/backend/services/intake.ts';
import { blindToken, normaliseName } from '../../electron/backend/crypto/fields.ts';
import { validateIdentityDocument } from '../../shared/identity/validate.ts';
import { caseListInput, type CaseRow } from '../../shared/rpc/contract.ts';
import { mulberry32 } from '../generate/people.ts';
import { makeSubmission } from '../generate/submissions.ts';
import { fmt } from '../support/progress.ts';
import { describeTiming, measure, summarise, type Timing } from '../support/timing.ts';
import type { Meta, OpenedDatabase } from './data-dir.ts';
import { floorStatements, measureAgainstFloor, type AgainstFloor } from './floor.ts';
import { REGION } from './generate-database.ts';
import { say } from './say.ts';

// A valid JPEG and PDF header: BlobStore sniffs them like uploaded scans.
const SCAN_JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(40_000, 7)]);
const SCAN_PDF = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(60_000, 32)]);

/** Whose unread notes the list counts: a reader with none, so the count is worked out for every row. */
export const READER = 'bench-reader';

export interface HallMeasurements {
  /** search_id, search_caseno, search_name (also by 1 and 2 characters), day_list and submit. */
  results: Record<string, Timing>;
  /** search_id, search_caseno, search_name and day_list against their floor, measured interleaved. */
  floors: Record<string, AgainstFloor>;
  /** How many cases a name prefix of 1 and of 2 characters matches. */
  nameMatches: { one_char: Timing; two_chars: Timing };
  /** The busiest days, which the day list cycles through. */
  busyDays: { day: string; n: number }[];
  /** The i-th sample's name prefix the name search looks for. */
  namePrefix: (i: number) => string;
  /** The list as measured, for the name search's proposal. */
  cases: CaseQueries;
  /** Each measured operation on another connection to the same file (for the diagnostics of a miss). */
  work: Record<string, (tdb: DatabaseSync, i: number) => void>;
}

/**
 * On the hall database: CaseQueries.list searching by the ID number, the case
 * number and a name prefix of random existing cases (read back through the
 * real decryption), a busy day's list, and IntakeService.submit — every result
 * checked.
 */
export function measureHall(
  opened: OpenedDatabase,
  dir: string,
  meta: Meta,
  options: { runs: number; seed: number },
): HallMeasurements {
  const { db, keys, catalog } = opened;
  const { runs } = options;
  const blobs = new BlobStore(db, dir, keys.blobs);
  const intake = new IntakeService(db, keys, catalog, blobs);
  const cases = new CaseQueries(db, keys, catalog, new CaseClocks(db, keys, catalog));
  const count = (sql: string) => (db.prepare(sql).get() as { n: number }).n;

  // Samples: random existing cases, their ID number and name read back through the real decryption.
  const rand = mulberry32(options.seed + 1);
  const maxRowid = count('SELECT max(rowid) AS n FROM cases');
  const byRowid = db.prepare('SELECT case_id, case_no FROM cases WHERE rowid = ?');
  const samples = Array.from({ length: runs + 20 }, () => {
    const row = byRowid.get(1 + Math.floor(rand() * maxRowid)) as { case_id: string; case_no: string };
    const { applicant } = cases.document(row.case_id).received;
    return {
      caseId: row.case_id,
      caseNo: row.case_no,
      idNumber: applicant.idNumber,
      name: applicant.name,
      // The floor's parameter: the blind-index token the document's own kind gives.
      idToken: blindToken(keys.blindIndex, 'id', validateIdentityDocument(applicant.idKind, applicant.idNumber).value!),
    };
  });
  const namePrefix = (i: number): string =>
    Array.from(samples[i]!.name)
      .slice(0, 1 + (i % 2))
      .join('');
  const nameTokens = samples.map((_, i) => blindToken(keys.blindIndex, 'name', normaliseName(namePrefix(i))));
  const list = (input: Record<string, unknown>) => cases.list(caseListInput.parse(input), READER);
  const check = (ok: boolean, what: string) => {
    if (!ok) throw new Error(`wrong result: ${what}`);
  };

  const ops: Record<string, (i: number, q?: CaseQueries) => CaseRow[]> = {
    search_id: (i, q = cases) => {
      const { rows } = q.list(caseListInput.parse({ query: samples[i]!.idNumber }), READER);
      check(
        rows.some((r) => r.caseId === samples[i]!.caseId),
        'ID search misses the case',
      );
      return rows;
    },
    search_caseno: (i, q = cases) => {
      const { rows } = q.list(caseListInput.parse({ query: samples[i]!.caseNo }), READER);
      check(rows.length === 1 && rows[0]!.caseId === samples[i]!.caseId, 'case number search');
      return rows;
    },
    search_name: (i, q = cases) => {
      const { rows, total } = q.list(caseListInput.parse({ query: namePrefix(i), limit: 100 }), READER);
      check(total >= 1, 'name search found nothing');
      return rows;
    },
  };
  const busyDays = db
    .prepare(
      'SELECT received_day AS day, count(*) AS n FROM cases GROUP BY received_day ORDER BY n DESC, received_day DESC LIMIT 20',
    )
    .all() as { day: string; n: number }[];
  ops.day_list = (i, q = cases) => {
    const day = busyDays[i % busyDays.length]!;
    const { rows, total, totalCapped } = q.list(
      caseListInput.parse({ from: day.day, to: day.day, limit: 500 }),
      READER,
    );
    check(
      total === Math.min(day.n, TOTAL_CAP) && totalCapped === day.n > TOTAL_CAP && rows.length === Math.min(500, day.n),
      'day list',
    );
    return rows;
  };

  // Each search's floor: the same rows' raw columns from one statement prepared once (floor.ts).
  const floorRows = floorStatements(db);
  const floors: Record<string, (i: number) => { case_id: string }[]> = {
    search_id: (i) => floorRows('token', 'id', samples[i]!.idToken, 100),
    search_caseno: (i) => floorRows('caseNo', samples[i]!.caseNo),
    search_name: (i) => floorRows('token', 'name', nameTokens[i]!, 100),
    day_list: (i) => floorRows('day', busyDays[i % busyDays.length]!.day, 500),
  };
  const results: Record<string, Timing> = {};
  const floorResults: Record<string, AgainstFloor> = {};
  for (const name of ['search_id', 'search_caseno', 'search_name', 'day_list']) {
    // The floor returns what the list shows, in its order.
    for (let i = 0; i < 20; i++) {
      const real = ops[name]!(i).map((r) => r.caseId);
      const floor = floors[name]!(i).map((r) => r.case_id);
      if (real.join() !== floor.join()) throw new Error(`the floor of ${name} returns other rows than the list`);
    }
    const paired = measureAgainstFloor(
      runs,
      (i) => ops[name]!(i % samples.length),
      (i) => floors[name]!(i % samples.length),
    );
    results[name] = paired.real;
    floorResults[name] = paired;
    say(`${name}: ${describeTiming(paired.real)}; floor p95 ${paired.floor.p95} ms (${paired.ratio} ×)`);
  }
  // The name search split by prefix length: a lone surname matches many cases.
  const nameBy = (chars: number) =>
    measure(runs, (i) =>
      list({
        query: Array.from(samples[i % samples.length]!.name)
          .slice(0, chars)
          .join(''),
        limit: 100,
      }),
    );
  results.search_name_1char = nameBy(1);
  results.search_name_2char = nameBy(2);
  const matches = (chars: number) =>
    summarise(
      samples.slice(0, 50).map((s) => list({ query: Array.from(s.name).slice(0, chars).join(''), limit: 1 }).total),
    );
  const nameMatches = { one_char: matches(1), two_chars: matches(2) };
  say(
    `search_name by prefix length: 1 char p95 ${results.search_name_1char.p95} ms (median ${fmt(nameMatches.one_char.p50)} matches), ` +
      `2 chars p95 ${results.search_name_2char.p95} ms (median ${fmt(nameMatches.two_chars.p50)} matches)`,
  );

  // The real intake submit: a KST-SI-004 pension transfer with two scans, by this window's clerk.
  const matter = catalog.matter('KST-SI-004')!.matter;
  const scanJpeg = blobs.put(SCAN_JPEG, 'image/jpeg', null);
  const scanPdf = blobs.put(SCAN_PDF, 'application/pdf', null);
  const clerk = { userId: meta.deviceClerkUserId, roles: ['intake_clerk'] as const };
  const submitRand = mulberry32(options.seed + 2);
  const submission = () => ({
    ...makeSubmission(submitRand, matter, new Date()),
    scans: [
      { sha256: scanJpeg, materialId: 'id_card' },
      { sha256: scanPdf, materialId: 'contribution_certificate' },
    ],
  });
  const submitWith = (service: IntakeService) => {
    const s = submission();
    const { caseNo } = service.submit(s, clerk);
    check(caseNo.startsWith(`${REGION}-`), 'submit');
  };
  results.submit = measure(runs, () => submitWith(intake));
  say(`submit: ${describeTiming(results.submit)}`);

  const work: HallMeasurements['work'] = {
    submit: (tdb) => submitWith(new IntakeService(tdb, keys, catalog, new BlobStore(tdb, dir, keys.blobs))),
  };
  for (const name of Object.keys(ops)) {
    work[name] = (tdb, i) => ops[name]!(i, new CaseQueries(tdb, keys, catalog, new CaseClocks(tdb, keys, catalog)));
  }
  return { results, floors: floorResults, nameMatches, busyDays, namePrefix, cases, work };
}
