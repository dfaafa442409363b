// The case list past its count cap: a common surname is counted up to the cap
// and said to have more, and paging walks every match, newest first, each once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TOTAL_CAP } from '../../electron/backend/services/cases.ts';
import type { RpcClient } from '../../shared/rpc/client.ts';
import {
  APPLICANT,
  call,
  pensionTransfer,
  residentId,
  setUpDevice,
  staffClient,
  startInProcess,
  type BackendUnderTest,
} from './harness.ts';

const MANY = TOTAL_CAP + 25;

describe('the case list beyond its count cap', () => {
  let backend: BackendUnderTest;
  let clerk: RpcClient;
  const ids: string[] = [];

  beforeAll(async () => {
    backend = startInProcess();
    const { admin } = await setUpDevice(backend);
    clerk = await staffClient(backend, admin, ['intake_clerk']);
    for (let i = 0; i < MANY; i += 1) {
      const idNumber = residentId('110102', '19800101', String(i % 1000).padStart(3, '0'));
      const applicant = { ...APPLICANT, name: `王${i % 2 === 0 ? '小明' : '大明'}`, idNumber };
      ids.push((await call(clerk, 'intake.submit', pensionTransfer({ applicant }))).caseId);
    }
    // One other surname, to see the search is not just "everything".
    await call(clerk, 'intake.submit', pensionTransfer({ applicant: { ...APPLICANT, name: '李四' } }));
  }, 120_000);
  afterAll(() => backend.stop());

  it('counts a common surname up to the cap and says there are more', async () => {
    const first = await call(clerk, 'cases.list', { query: '王', limit: 100 });
    expect(first).toMatchObject({ total: TOTAL_CAP, totalCapped: true });
    expect(first.rows).toHaveLength(100);
    const exact = await call(clerk, 'cases.list', { query: '王小', limit: 100 });
    expect(exact).toMatchObject({ total: Math.ceil(MANY / 2), totalCapped: false });
  });

  it('gives the same total on a full page, the last page and past the end', async () => {
    const matches = Math.ceil(MANY / 2);
    // A full page is counted; the last one, shorter than its limit, holds the end; past it nothing is left.
    for (const [offset, rows] of [
      [0, 100],
      [matches - 30, 30],
      [matches + 100, 0],
    ] as const) {
      const page = await call(clerk, 'cases.list', { query: '王小', offset, limit: 100 });
      expect(page, `offset ${offset}`).toMatchObject({ total: matches, totalCapped: false });
      expect(page.rows, `offset ${offset}`).toHaveLength(rows);
    }
    // A whole ID number: the two cases that carry it (the fixture gives each number to every 1,000th case).
    const one = await call(clerk, 'cases.list', { query: residentId('110102', '19800101', '007') });
    expect(one).toMatchObject({ total: 2, totalCapped: false });
    expect(one.rows.map((r) => r.caseId)).toEqual([ids[1007], ids[7]]);
  });

  it('pages through every match newest first, each exactly once', async () => {
    const seen: string[] = [];
    for (let offset = 0; ; offset += 200) {
      const page = await call(clerk, 'cases.list', { query: '王', offset, limit: 200 });
      seen.push(...page.rows.map((r) => r.caseId));
      if (page.rows.length < 200) break;
    }
    expect(seen).toEqual([...ids].reverse());
  });

  it('lists everything newest first without a query, and by day', async () => {
    const all = await call(clerk, 'cases.list', { limit: 3 });
    expect(all).toMatchObject({ total: TOTAL_CAP, totalCapped: true });
    expect(all.rows[0]!.applicantName).toBe('李*');
    expect(all.rows[1]!.caseId).toBe(ids.at(-1));
    const day = all.rows[0]!.receivedAt.slice(0, 10);
    const today = await call(clerk, 'cases.list', { from: day, to: day, limit: 1 });
    expect(today.rows).toHaveLength(1);
  });
});
