// The supervisor's daily ledger (台账) on the partner scenario: every case
// touched on a day with that day's activities, the consultations, its filters,
// masked by default, and unmasked — on screen or exported — only with the
// permission, audited and watermarked with the user.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { maskIdentity, maskName } from '../../shared/identity/mask.ts';
import type { RpcClient } from '../../shared/rpc/client.ts';
import { call, refusal } from './harness.ts';
import {
  dayFromToday,
  EMPLOYMENT,
  EVERYONE,
  LI,
  OUYANG,
  PENSION,
  readXlsx,
  sheetRows,
  summaryOf,
  WANG,
  ZHANG,
  type Ledger,
  type Staff,
} from './supervision/helpers.ts';
import { startPartnerScenario, type PartnerScenario } from './supervision/partner-scenario.ts';

describe('the supervisor of an intake window, and of its partner desk', () => {
  let scenario: PartnerScenario | undefined;
  let today: string;
  let yesterday: string;
  let windowAdmin: RpcClient;
  let clerk1: Staff;
  let clerk2: Staff;
  let supervisor: Staff;
  let auditor: RpcClient;
  let officer1: Staff;
  let officer2: Staff;
  let deskSupervisor: RpcClient;
  let cases: PartnerScenario['cases'];

  beforeAll(async () => {
    scenario = await startPartnerScenario();
    ({ today, yesterday, windowAdmin, clerk1, clerk2, supervisor, auditor, officer1, officer2, deskSupervisor, cases } =
      scenario);
  }, 120_000);
  afterAll(() => scenario?.stop());

  const ledger = (client: RpcClient, filter: Record<string, unknown> = {}): Promise<Ledger> =>
    call(client, 'supervision.ledger', { day: today, ...filter } as never);
  const auditOf = async (action: string) => (await call(auditor, 'audit.list', { action })).rows;

  describe('the ledger', () => {
    it("lists every case touched here today with that day's activities in order, and the consultations", async () => {
      const day = await ledger(supervisor.client);
      expect(day).toMatchObject({ day: today, closed: false, watermark: null });
      expect(summaryOf(day)).toEqual([
        {
          // Taken in yesterday: today only what was recorded today, in the order recorded.
          caseNo: cases.O.caseNo,
          activities: [
            ['case.accepted', null, 'handling_officer'],
            ['case.note_added', clerk2.displayName, 'intake_clerk'],
          ],
        },
        {
          caseNo: cases.A.caseNo,
          activities: [
            ['case.received', clerk1.displayName, 'intake_clerk'],
            ['case.materials_checked', clerk1.displayName, 'intake_clerk'],
            ['case.note_added', null, 'handling_officer'],
          ],
        },
        {
          caseNo: cases.B.caseNo,
          activities: [
            ['case.received', clerk2.displayName, 'intake_clerk'],
            ['case.materials_checked', clerk2.displayName, 'intake_clerk'],
          ],
        },
        {
          caseNo: cases.R.caseNo,
          activities: [
            ['case.received', clerk1.displayName, 'intake_clerk'],
            ['case.materials_checked', clerk1.displayName, 'intake_clerk'],
            ['case.not_accepted', null, 'handling_officer'],
            ['case.evaluated', clerk1.displayName, 'intake_clerk'],
          ],
        },
      ]);
      expect(day.rows.find((r) => r.caseNo === cases.R.caseNo)).toMatchObject({
        matterId: PENSION,
        status: 5,
        origin: 'intake',
        clerkUserId: clerk1.userId,
        clerk: clerk1.displayName,
        partnerRegion: '421127',
        applicantName: maskName(WANG.name),
        applicantId: maskIdentity('resident_id', WANG.idNumber),
        evaluation: 1,
      });
      expect(day.rows.find((r) => r.caseNo === cases.B.caseNo)).toMatchObject({ matterId: EMPLOYMENT, mark: 'yellow' });
      expect(day.consultations.map((k) => [k.clerk, k.matterId, k.note, k.minutes])).toEqual([
        [clerk1.displayName, PENSION, '=1+1 咨询养老保险关系转移所需材料', 10],
        [supervisor.displayName, null, '询问停车位置', 2],
      ]);
      expect(day.clerks.map((c) => c.displayName).sort()).toEqual(
        [clerk1.displayName, clerk2.displayName, supervisor.displayName].sort(),
      );

      // Yesterday: O as it was taken in, and nothing of today.
      const before = await ledger(supervisor.client, { day: yesterday });
      expect(summaryOf(before)).toEqual([
        {
          caseNo: cases.O.caseNo,
          activities: [
            ['case.received', clerk1.displayName, 'intake_clerk'],
            ['case.materials_checked', clerk1.displayName, 'intake_clerk'],
          ],
        },
      ]);
      expect(before.consultations).toEqual([]);
      expect((await ledger(supervisor.client, { day: dayFromToday(-30) })).rows).toEqual([]);
    });

    it('narrows by clerk (whose case it is or who acted on it), matter, status and partner region', async () => {
      const caseNos = (l: Ledger) => l.rows.map((r) => r.caseNo);
      const notes = (l: Ledger) => l.consultations.map((k) => k.note);

      const byClerk2 = await ledger(supervisor.client, { clerkUserId: clerk2.userId });
      expect(caseNos(byClerk2)).toEqual([cases.O.caseNo, cases.B.caseNo]);
      expect(notes(byClerk2)).toEqual([]);
      const byClerk1 = await ledger(supervisor.client, { clerkUserId: clerk1.userId });
      expect(caseNos(byClerk1)).toEqual([cases.O.caseNo, cases.A.caseNo, cases.R.caseNo]);
      expect(notes(byClerk1)).toEqual(['=1+1 咨询养老保险关系转移所需材料']);

      const employment = await ledger(supervisor.client, { matterId: EMPLOYMENT });
      expect(caseNos(employment)).toEqual([cases.B.caseNo]);
      expect(notes(employment)).toEqual([]);
      const pension = await ledger(supervisor.client, { matterId: PENSION });
      expect(caseNos(pension)).toEqual([cases.O.caseNo, cases.A.caseNo, cases.R.caseNo]);
      expect(notes(pension)).toEqual(['=1+1 咨询养老保险关系转移所需材料']);

      expect(caseNos(await ledger(supervisor.client, { status: 5 }))).toEqual([cases.R.caseNo]);
      expect(caseNos(await ledger(supervisor.client, { status: 3 }))).toEqual([cases.O.caseNo]);
      expect(notes(await ledger(supervisor.client, { status: 1 }))).toEqual([]);

      expect(caseNos(await ledger(supervisor.client, { regionCode: '421127' }))).toHaveLength(4);
      expect(caseNos(await ledger(supervisor.client, { regionCode: '340826' }))).toEqual([]);

      // At the desk the partner is where a case was taken in: two windows, two regions.
      const deskLedger = (filter: Record<string, unknown>) => ledger(deskSupervisor, filter);
      const all = caseNos(await deskLedger({}));
      expect([...all].sort()).toEqual(
        Object.values(cases)
          .map((c) => c.caseNo)
          .sort(),
      );
      expect([...caseNos(await deskLedger({ regionCode: '360430' }))].sort()).toEqual(
        [cases.O, cases.A, cases.B, cases.R].map((c) => c.caseNo).sort(),
      );
      expect(caseNos(await deskLedger({ regionCode: '340826' }))).toEqual([cases.P.caseNo]);
      // The region filter's choices: every partner of the day, whichever filter is on.
      expect((await deskLedger({})).regions).toEqual(['340826', '360430']);
      expect((await deskLedger({ regionCode: '340826' })).regions).toEqual(['340826', '360430']);
      expect([...caseNos(await deskLedger({ clerkUserId: officer2.userId }))].sort()).toEqual(
        [cases.A.caseNo, cases.R.caseNo].sort(),
      );
      expect(caseNos(await deskLedger({ clerkUserId: officer1.userId }))).toEqual([cases.O.caseNo]);
    });

    it('is masked by default: no full name or ID number anywhere in it', async () => {
      const text = JSON.stringify(await ledger(supervisor.client));
      for (const person of EVERYONE) {
        expect(text).not.toContain(person.idNumber);
        expect(text).not.toContain(person.name);
      }
      expect(text).toContain(maskIdentity('resident_id', OUYANG.idNumber));
    });

    it('is unmasked only with personal.export, audited, and watermarked with the user', async () => {
      const before = (await auditOf('ledger.unmasked')).length;
      for (const client of [clerk1.client, auditor, windowAdmin]) {
        expect(await refusal(client.request('supervision.ledger', { day: today, unmasked: true }))).toMatchObject({
          code: 'PERMISSION_DENIED',
        });
      }
      expect(await auditOf('ledger.unmasked')).toHaveLength(before);

      const open = await ledger(supervisor.client, { unmasked: true });
      expect(open.rows.map((r) => [r.applicantName, r.applicantId])).toEqual(
        [OUYANG, ZHANG, LI, WANG].map((p) => [p.name, p.idNumber]),
      );
      expect(open.watermark).toEqual({ user: supervisor.displayName, at: expect.any(String) });
      const entries = await auditOf('ledger.unmasked');
      expect(entries).toHaveLength(before + 1);
      expect(entries[0]).toMatchObject({
        userId: supervisor.userId,
        user: supervisor.displayName,
        target: today,
        detail: { cases: 4 },
      });
      // The audit entry itself holds no personal data.
      expect(JSON.stringify(entries)).not.toContain(OUYANG.idNumber);
    });
  });

  describe('the unmasked export', () => {
    it('writes the unmasked ledger with the watermark in the first row and on every printed page, and audits it', async () => {
      const file = await call(supervisor.client, 'supervision.exportLedger', {
        day: today,
        format: 'xlsx',
        unmasked: true,
      });
      expect(file.fileName).toBe(`ledger-${today}-unmasked.xlsx`);
      const book = await readXlsx(file.data);
      for (const sheet of book.worksheets) {
        const banner = String(sheet.getCell('A1').value);
        expect(banner).toContain('未脱敏导出');
        expect(banner).toContain(supervisor.displayName);
        expect(sheet.headerFooter.oddHeader).toContain(supervisor.displayName);
        expect(sheet.headerFooter.oddFooter).toContain(supervisor.displayName);
      }
      const body = sheetRows(book.getWorksheet(`台账 ${today}`)!).slice(2);
      expect(body.map((r) => [r[3], r[4]])).toEqual([OUYANG, ZHANG, LI, WANG].map((p) => [p.name, p.idNumber]));
      expect((await auditOf('ledger.export'))[0]).toMatchObject({
        userId: supervisor.userId,
        detail: { format: 'xlsx', unmasked: true, cases: 4 },
      });
      expect((await auditOf('ledger.unmasked'))[0]).toMatchObject({ userId: supervisor.userId, target: today });
      expect(
        await refusal(
          clerk1.client.request('supervision.exportLedger', { day: today, format: 'xlsx', unmasked: true }),
        ),
      ).toMatchObject({ code: 'PERMISSION_DENIED' });
    });
  });
});
