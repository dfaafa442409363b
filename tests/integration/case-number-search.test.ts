// Searching the case list by the start of a case number, as a clerk types it
// key by key: every start lists exactly the cases it begins, newest number
// first, paged; it reads a range of the case_no index; and digits that are
// also an ID number list that person's cases too.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { searchSources } from '../../electron/backend/services/case-search.ts';
import { randomBytes } from 'node:crypto';
import type { RpcClient } from '../../shared/rpc/client.ts';
import {
  APPLICANT,
  call,
  openDb,
  pensionTransfer,
  residentId,
  setUpDevice,
  staffClient,
  startInProcess,
  type BackendUnderTest,
} from './harness.ts';

describe('the case list searched by the start of a case number', () => {
  let backend: BackendUnderTest;
  let clerk: RpcClient;
  const caseNos: string[] = [];
  const found = async (query: string, page: { offset?: number; limit?: number } = {}) => {
    const listed = await call(clerk, 'cases.list', { query, ...page });
    return { caseNos: listed.rows.map((row) => row.caseNo), total: listed.total };
  };

  beforeAll(async () => {
    backend = startInProcess();
    const { admin } = await setUpDevice(backend);
    clerk = await staffClient(backend, admin, ['intake_clerk']);
    for (const sequence of ['001', '002', '003']) {
      const applicant = { ...APPLICANT, idNumber: residentId('110102', '19800101', sequence) };
      caseNos.push((await call(clerk, 'intake.submit', pensionTransfer({ applicant }))).caseNo);
    }
  }, 60_000);
  afterAll(() => backend.stop());

  it('lists, for every start typed, the cases it begins, newest number first', async () => {
    const newestFirst = [...caseNos].sort().reverse();
    const last = caseNos.at(-1)!;
    for (let end = 1; end < last.length; end++) {
      const typed = last.slice(0, end);
      const expected = newestFirst.filter((caseNo) => caseNo.startsWith(typed));
      expect(await found(typed), typed).toEqual({ caseNos: expected, total: expected.length });
      // Typed without hyphens, as most clerks do.
      const compact = typed.replaceAll('-', '');
      expect((await found(compact)).caseNos, compact).toEqual(
        newestFirst.filter((caseNo) => caseNo.replaceAll('-', '').startsWith(compact)),
      );
    }
    expect((await found(last)).caseNos).toEqual([last]);
    expect(await found(`${last.slice(0, 6)}9`)).toEqual({ caseNos: [], total: 0 });
  });

  it('pages through a start a case at a time', async () => {
    const region = caseNos[0]!.slice(0, 6);
    const pages = [];
    for (let offset = 0; offset < 4; offset++) pages.push(await found(region, { offset, limit: 1 }));
    expect(pages.map((page) => page.caseNos)).toEqual([
      ...[...caseNos]
        .sort()
        .reverse()
        .map((no) => [no]),
      [],
    ]);
    expect(pages.every((page) => page.total === 3)).toBe(true);
  });

  it('reads a range of the case_no index, in its order', () => {
    const source = searchSources(randomBytes(32), caseNos[0]!.slice(0, 10)).find((s) => s.order === 'c.case_no DESC');
    const db = openDb(backend.dbFile);
    try {
      const plan = db
        .prepare(
          `EXPLAIN QUERY PLAN SELECT c.case_id FROM ${source!.from} WHERE ${source!.where.join(' AND ')}
           ORDER BY ${source!.order} LIMIT 200`,
        )
        .all(...source!.params)
        .map((row) => (row as { detail: string }).detail);
      expect(plan.join('\n')).toMatch(/^SEARCH c USING (COVERING )?INDEX \w+ \(case_no>\? AND case_no<\?\)$/);
    } finally {
      db.close();
    }
  });

  it('lists an ID number’s cases, then the case numbers the same digits begin', async () => {
    // 18 digits that are a valid ID number: no case number begins with them here, the person's cases show.
    const idNumber = residentId('110102', '19800101', '002');
    expect(searchSources(randomBytes(32), idNumber).map((source) => source.order)).toEqual([
      's.case_id DESC',
      'c.case_no DESC',
    ]);
    expect(await found(idNumber)).toEqual({ caseNos: [caseNos[1]], total: 1 });
  });
});
