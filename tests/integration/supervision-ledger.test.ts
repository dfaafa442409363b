// The supervisor's daily ledger (台账) on the partner scenario: every case
// touched on a day with that day's activities, the consultations, its filters,
// masked by default, and unmasked — on screen or exported — only with the
// permission, audited and watermarked with the user.
import { describe, expect, it } from 'vitest';
import { maskIdentity, maskName } from '../../shared/identity/mask.ts';
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
} from './supervision/helpers.ts';
import { partnerScenarioForFile } from './supervision/partner-scenario.ts';

describe('the supervisor of an intake window, and of its partner desk', () => {
  const s = partnerScenarioForFile();

  describe('the ledger', () => {
    it("lists every case touched here today with that day's activities in order, and the consultations", async () => {
      const day = await s.ledger(s.supervisor.client);
      expect(day).toMatchObject({ day: s.today, closed: false, watermark: null });
      expect(summaryOf(day)).toEqual([
        {
          // Taken in yesterday: today only what was recorded today, in the order recorded.
          caseNo: s.cases.O.caseNo,
          activities: [
            ['case.accepted', null, 'handling_officer'],
            ['case.note_added', s.clerk2.displayName, 'intake_clerk'],
          ],
        },
        {
          caseNo: s.cases.A.caseNo,
          activities: [
            ['case.received', s.clerk1.displayName, 'intake_clerk'],
            ['case.materials_checked', s.clerk1.displayName, 'intake_clerk'],
            ['case.note_added', null, 'handling_officer'],
          ],
        },
        {
          caseNo: s.cases.B.caseNo,
          activities: [
            ['case.received', s.clerk2.displayName, 'intake_clerk'],
            ['case.materials_checked', s.clerk2.displayName, 'intake_clerk'],
          ],
        },
        {
          caseNo: s.cases.R.caseNo,
          activities: [
            ['case.received', s.clerk1.displayName, 'intake_clerk'],
            ['case.materials_checked', s.clerk1.displayName, 'intake_clerk'],
            ['case.not_accepted', null, 'handling_officer'],
            ['case.evaluated', s.clerk1.displayName, 'intake_clerk'],
          ],
        },
      ]);
      expect(day.rows.find((r) => r.caseNo === s.cases.R.caseNo)).toMatchObject({
        matterId: PENSION,
        status: 5,
        origin: 'intake',
        clerkUserId: s.clerk1.userId,
        clerk: s.clerk1.displayName,
        partnerRegion: '421127',
        applicantName: maskName(WANG.name),
        applicantId: maskIdentity('resident_id', WANG.idNumber),
        evaluation: 1,
      });
      expect(day.rows.find((r) => r.caseNo === s.cases.B.caseNo)).toMatchObject({
        matterId: EMPLOYMENT,
        mark: 'yellow',
      });
      expect(day.consultations.map((k) => [k.clerk, k.matterId, k.note, k.minutes])).toEqual([
        [s.clerk1.displayName, PENSION, '=1+1 咨询养老保险关系转移所需材料', 10],
        [s.supervisor.displayName, null, '询问停车位置', 2],
      ]);
      expect(day.clerks.map((c) => c.displayName).sort()).toEqual(
        [s.clerk1.displayName, s.clerk2.displayName, s.supervisor.displayName].sort(),
      );

      // Yesterday: O as it was taken in, and nothing of today.
      const before = await s.ledger(s.supervisor.client, { day: s.yesterday });
      expect(summaryOf(before)).toEqual([
        {
          caseNo: s.cases.O.caseNo,
          activities: [
            ['case.received', s.clerk1.displayName, 'intake_clerk'],
            ['case.materials_checked', s.clerk1.displayName, 'intake_clerk'],
          ],
        },
      ]);
      expect(before.consultations).toEqual([]);
      expect((await s.ledger(s.supervisor.client, { day: dayFromToday(-30) })).rows).toEqual([]);
    });

    it('narrows by clerk (whose case it is or who acted on it), matter, status and partner region', async () => {
      const caseNos = (l: Ledger) => l.rows.map((r) => r.caseNo);
      const notes = (l: Ledger) => l.consultations.map((k) => k.note);

      const byClerk2 = await s.ledger(s.supervisor.client, { clerkUserId: s.clerk2.userId });
      expect(caseNos(byClerk2)).toEqual([s.cases.O.caseNo, s.cases.B.caseNo]);
      expect(notes(byClerk2)).toEqual([]);
      const byClerk1 = await s.ledger(s.supervisor.client, { clerkUserId: s.clerk1.userId });
      expect(caseNos(byClerk1)).toEqual([s.cases.O.caseNo, s.cases.A.caseNo, s.cases.R.caseNo]);
      expect(notes(byClerk1)).toEqual(['=1+1 咨询养老保险关系转移所需材料']);

      const employment = await s.ledger(s.supervisor.client, { matterId: EMPLOYMENT });
      expect(caseNos(employment)).toEqual([s.cases.B.caseNo]);
      expect(notes(employment)).toEqual([]);
      const pension = await s.ledger(s.supervisor.client, { matterId: PENSION });
      expect(caseNos(pension)).toEqual([s.cases.O.caseNo, s.cases.A.caseNo, s.cases.R.caseNo]);
      expect(notes(pension)).toEqual(['=1+1 咨询养老保险关系转移所需材料']);

      expect(caseNos(await s.ledger(s.supervisor.client, { status: 5 }))).toEqual([s.cases.R.caseNo]);
      expect(caseNos(await s.ledger(s.supervisor.client, { status: 3 }))).toEqual([s.cases.O.caseNo]);
      expect(notes(await s.ledger(s.supervisor.client, { status: 1 }))).toEqual([]);

      expect(caseNos(await s.ledger(s.supervisor.client, { regionCode: '421127' }))).toHaveLength(4);
      expect(caseNos(await s.ledger(s.supervisor.client, { regionCode: '340826' }))).toEqual([]);

      // At the desk the partner is where a case was taken in: two windows, two regions.
      const deskLedger = (filter: Record<string, unknown>) => s.ledger(s.deskSupervisor, filter);
      const all = caseNos(await deskLedger({}));
      expect([...all].sort()).toEqual(
        Object.values(s.cases)
          .map((c) => c.caseNo)
          .sort(),
      );
      expect([...caseNos(await deskLedger({ regionCode: '360430' }))].sort()).toEqual(
        [s.cases.O, s.cases.A, s.cases.B, s.cases.R].map((c) => c.caseNo).sort(),
      );
      expect(caseNos(await deskLedger({ regionCode: '340826' }))).toEqual([s.cases.P.caseNo]);
      // The region filter's choices: every partner of the day, whichever filter is on.
      expect((await deskLedger({})).regions).toEqual(['340826', '360430']);
      expect((await deskLedger({ regionCode: '340826' })).regions).toEqual(['340826', '360430']);
      expect([...caseNos(await deskLedger({ clerkUserId: s.officer2.userId }))].sort()).toEqual(
        [s.cases.A.caseNo, s.cases.R.caseNo].sort(),
      );
      expect(caseNos(await deskLedger({ clerkUserId: s.officer1.userId }))).toEqual([s.cases.O.caseNo]);
    });

    it('is masked by default: no full name or ID number anywhere in it', async () => {
      const text = JSON.stringify(await s.ledger(s.supervisor.client));
      for (const person of EVERYONE) {
        expect(text).not.toContain(person.idNumber);
        expect(text).not.toContain(person.name);
      }
      expect(text).toContain(maskIdentity('resident_id', OUYANG.idNumber));
    });

    it('is unmasked only with personal.export, audited, and watermarked with the user', async () => {
      const before = (await s.auditOf('ledger.unmasked')).length;
      for (const client of [s.clerk1.client, s.auditor, s.windowAdmin]) {
        expect(await refusal(client.request('supervision.ledger', { day: s.today, unmasked: true }))).toMatchObject({
          code: 'PERMISSION_DENIED',
        });
      }
      expect(await s.auditOf('ledger.unmasked')).toHaveLength(before);

      const open = await s.ledger(s.supervisor.client, { unmasked: true });
      expect(open.rows.map((r) => [r.applicantName, r.applicantId])).toEqual(
        [OUYANG, ZHANG, LI, WANG].map((p) => [p.name, p.idNumber]),
      );
      expect(open.watermark).toEqual({ user: s.supervisor.displayName, at: expect.any(String) });
      const entries = await s.auditOf('ledger.unmasked');
      expect(entries).toHaveLength(before + 1);
      expect(entries[0]).toMatchObject({
        userId: s.supervisor.userId,
        user: s.supervisor.displayName,
        target: s.today,
        detail: { cases: 4 },
      });
      // The audit entry itself holds no personal data.
      expect(JSON.stringify(entries)).not.toContain(OUYANG.idNumber);
    });
  });

  describe('the unmasked export', () => {
    it('writes the unmasked ledger with the watermark in the title row and on every printed page, and audits it', async () => {
      const file = await call(s.supervisor.client, 'supervision.exportLedger', {
        day: s.today,
        format: 'xlsx',
        unmasked: true,
      });
      expect(file.fileName).toBe(`ledger-${s.today}-unmasked.xlsx`);
      const book = await readXlsx(file.data);
      for (const sheet of book.worksheets) {
        const banner = String(sheet.getCell('A1').value);
        expect(banner).toContain('未脱敏导出');
        expect(banner).toContain(s.supervisor.displayName);
        expect(sheet.headerFooter.oddHeader).toContain(s.supervisor.displayName);
        expect(sheet.headerFooter.oddFooter).toContain(s.supervisor.displayName);
      }
      const body = sheetRows(book.getWorksheet(`台账 ${s.today}`)!).slice(2);
      expect(body.map((r) => [r[3], r[4]])).toEqual([OUYANG, ZHANG, LI, WANG].map((p) => [p.name, p.idNumber]));
      expect((await s.auditOf('ledger.export'))[0]).toMatchObject({
        userId: s.supervisor.userId,
        detail: { format: 'xlsx', unmasked: true, cases: 4 },
      });
      expect((await s.auditOf('ledger.unmasked'))[0]).toMatchObject({ userId: s.supervisor.userId, target: s.today });
      expect(
        await refusal(
          s.clerk1.client.request('supervision.exportLedger', { day: s.today, format: 'xlsx', unmasked: true }),
        ),
      ).toMatchObject({ code: 'PERMISSION_DENIED' });
    });
  });
});
