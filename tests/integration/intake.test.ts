// Intake at the window as an intake clerk, against the real backend entry as
// its own process: a valid KST-SI-004 case, its case number, list, detail,
// outbox and blind-index search; personal data encrypted at rest and revealed
// only through an audited call; drafts across a restart. Refusals and scans
// have files of their own (intake-refusals, intake-scans).
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { formatCaseNumber, parseCaseNumber } from '../../shared/case/case-number.ts';
import { localDay } from '../../shared/local-time.ts';
import {
  AGENT,
  APPLICANT,
  call,
  createUser,
  login,
  pensionTransfer,
  refusal,
  residentId,
  seedMatter,
  TEST_DEVICE,
  withDb,
} from './harness.ts';
import { intakeBackend } from './intake-backend.ts';

const MATTER = seedMatter('KST-SI-004');

const site = intakeBackend();
const clerk = site.clerk;

/** Today as the case number writes it: the local day, YYYYMMDD. */
const today = (): string => localDay(new Date()).replaceAll('-', '');

/** The database as bytes on disk: the main file, its WAL and shared memory. */
function databaseBytes(): Buffer {
  return Buffer.concat(
    ['', '-wal', '-shm']
      .map((suffix) => `${site.backend.dbFile}${suffix}`)
      .filter(existsSync)
      .map((f) => readFileSync(f)),
  );
}

describe('a valid KST-SI-004 intake', () => {
  let caseId: string;
  let caseNo: string;
  let expectedNo: string;

  beforeAll(async () => {
    // Start the day's counter where the next number has the check character X,
    // so the number can also be typed with a lower-case x.
    const date = today();
    const sequence = Array.from({ length: 30 }, (_, i) => i + 1).find((s) =>
      formatCaseNumber({ region: TEST_DEVICE.regionCode, date, window: TEST_DEVICE.windowNo, sequence: s }).endsWith(
        'X',
      ),
    )!;
    expectedNo = formatCaseNumber({ region: TEST_DEVICE.regionCode, date, window: TEST_DEVICE.windowNo, sequence });
    withDb(site.backend.dbFile, (db) =>
      db
        .prepare('INSERT INTO case_no_counters (day, window_no, last_seq) VALUES (?, ?, ?)')
        .run(date, TEST_DEVICE.windowNo, sequence - 1),
    );

    ({ caseId, caseNo } = await call(await clerk(), 'intake.submit', pensionTransfer()));
  });

  it('gets a case number with a check character, from the device region, window and today', () => {
    const parsed = parseCaseNumber(caseNo);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.value).toBe(caseNo);
    expect(parsed.parts).toMatchObject({ region: TEST_DEVICE.regionCode, window: TEST_DEVICE.windowNo, date: today() });
    expect(caseNo).toBe(expectedNo);
    expect(caseNo).not.toContain(APPLICANT.idNumber.slice(6, 14));
  });

  it('is listed as queued and received, with the name and ID number masked', async () => {
    const list = await call(await clerk(), 'cases.list', {});
    const row = list.rows.find((r) => r.caseId === caseId);
    expect(row).toMatchObject({
      caseNo,
      matterId: MATTER.id,
      status: 1,
      subState: 'queued',
      syncState: 'queued',
      applicantName: '张*',
      applicantId: '110102********232X',
      applicantIdKind: 'resident_id',
      handlingRegion: MATTER.handlingRegion,
      priority: false,
    });
    expect(await call(await clerk(), 'cases.list', { syncState: 'queued', status: 1 })).toMatchObject({
      rows: expect.arrayContaining([expect.objectContaining({ caseId })]),
    });
    const text = JSON.stringify(list);
    for (const secret of [APPLICANT.idNumber, APPLICANT.name, APPLICANT.phone]) expect(text).not.toContain(secret);
  });

  it('shows its detail: the timeline of its first events, masked personal data', async () => {
    const detail = await call(await clerk(), 'cases.get', { caseId });
    expect(detail.timeline.map((e) => e.type)).toEqual(['case.received', 'case.materials_checked']);
    expect(detail.timeline.every((e) => e.role === 'intake_clerk' && e.syncedAt === null)).toBe(true);
    expect(detail.intakeRegion).toBe(TEST_DEVICE.regionCode);
    expect(detail.intakePlace).toEqual({
      deviceName: TEST_DEVICE.name,
      hall: TEST_DEVICE.hall,
      window: TEST_DEVICE.windowNo,
    });
    expect(detail.applicant).toMatchObject({ name: '张*', idNumber: '110102********232X', phone: '138****8000' });
    expect(detail.materials.map((m) => m.materialId)).toEqual(
      MATTER.materials.filter((m) => m.requirement === 'required').map((m) => m.id),
    );
    const text = JSON.stringify(detail);
    for (const secret of [APPLICANT.idNumber, APPLICANT.name, APPLICANT.phone]) expect(text).not.toContain(secret);
  });

  it("queues both events in the outbox of the handling region's remote", () => {
    withDb(site.backend.dbFile, (db) => {
      const events = db
        .prepare('SELECT event_id, type FROM case_events WHERE case_id = ? ORDER BY case_seq')
        .all(caseId) as { event_id: string; type: string }[];
      expect(events.map((e) => e.type)).toEqual(['case.received', 'case.materials_checked']);
      const outbox = db
        .prepare(
          `SELECT o.event_id, r.region_code FROM outbox_events o JOIN remotes r USING (remote_id)
           WHERE o.case_id = ? ORDER BY o.event_id`,
        )
        .all(caseId) as { event_id: string; region_code: string }[];
      expect(outbox.map((o) => o.event_id)).toEqual(events.map((e) => e.event_id).sort());
      expect(new Set(outbox.map((o) => o.region_code))).toEqual(new Set([MATTER.handlingRegion]));
      const caseRow = db.prepare('SELECT remote_id FROM cases WHERE case_id = ?').get(caseId) as { remote_id: string };
      const remote = db.prepare('SELECT region_code FROM remotes WHERE remote_id = ?').get(caseRow.remote_id);
      expect(remote).toEqual({ region_code: MATTER.handlingRegion });
    });
  });

  it('is found by exact ID number, name prefix and case number — and nothing else is', async () => {
    const client = await clerk();
    const found = async (query: string) => (await call(client, 'cases.list', { query })).rows.map((r) => r.caseId);
    const compact = caseNo.replaceAll('-', '');
    for (const query of [
      APPLICANT.idNumber,
      APPLICANT.idNumber.toLowerCase(),
      '张',
      '张三',
      caseNo,
      caseNo.toLowerCase(),
      ` ${caseNo.replaceAll('-', ' ').toLowerCase()} `,
      compact.toLowerCase(),
      APPLICANT.phone,
      // Typed with a Chinese input method: full-width digits.
      APPLICANT.idNumber.replace(/[0-9X]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0)),
    ]) {
      expect(await found(query), query).toEqual([caseId]);
    }
    const otherId = residentId('110102', '19780101', '232');
    const wrongCheck = `${caseNo.slice(0, -1)}${caseNo.endsWith('0') ? '1' : '0'}`;
    for (const query of ['李', '张四', '三', otherId, wrongCheck, APPLICANT.idNumber.slice(0, 17), '13812348001']) {
      expect(await found(query), query).toEqual([]);
    }
  });

  it('reveals the full value only through cases.reveal, which is audited', async () => {
    const client = await clerk();
    const auditCount = () =>
      withDb(site.backend.dbFile, (db) =>
        db
          .prepare("SELECT user_id, target, detail FROM audit_log WHERE action = 'personal.reveal' AND target = ?")
          .all(caseId),
      );
    expect(auditCount()).toEqual([]);
    expect(await call(client, 'cases.reveal', { caseId, field: 'applicant.idNumber' })).toEqual({
      value: APPLICANT.idNumber,
    });
    expect(await call(client, 'cases.reveal', { caseId, field: 'applicant.name' })).toEqual({ value: APPLICANT.name });
    expect(auditCount()).toEqual([
      { user_id: site.clerkUserId, target: caseId, detail: JSON.stringify({ field: 'applicant.idNumber' }) },
      { user_id: site.clerkUserId, target: caseId, detail: JSON.stringify({ field: 'applicant.name' }) },
    ]);
    // A case without an agent has no agent fields to reveal, and that is not audited.
    expect(await refusal(client.request('cases.reveal', { caseId, field: 'agent.idNumber' }))).toMatchObject({
      code: 'NOT_FOUND',
    });
    expect(auditCount()).toHaveLength(2);
  });
});

describe('drafts', () => {
  it('survive a restart, and are gone once submitted', async () => {
    const draftId = randomUUID();
    const state = { step: 'materials', matterId: MATTER.id, applicant: { name: APPLICANT.name } };
    await call(await clerk(), 'drafts.save', { draftId, state });

    await site.backend.restart();
    const client = await clerk();
    const drafts = await call(client, 'drafts.list', {});
    expect(drafts.find((d) => d.draftId === draftId)).toMatchObject({ draftId, state });

    await call(client, 'intake.submit', pensionTransfer({ submissionId: draftId }));
    expect((await call(client, 'drafts.list', {})).map((d) => d.draftId)).not.toContain(draftId);
    // A submitted intake cannot come back as a draft.
    expect(await refusal(client.request('drafts.save', { draftId, state }))).toMatchObject({
      reason: 'already_submitted',
    });
  });

  it("are each clerk's own", async () => {
    const mine = randomUUID();
    await call(await clerk(), 'drafts.save', { draftId: mine, state: { step: 'applicant' } });
    const other = await login(
      site.backend,
      await createUser(await site.backend.connect(site.adminToken), ['intake_clerk']),
    );
    expect((await call(other.client, 'drafts.list', {})).map((d) => d.draftId)).not.toContain(mine);
    expect(
      await refusal(other.client.request('drafts.save', { draftId: mine, state: { step: 'overwritten' } })),
    ).toMatchObject({ code: 'REJECTED', reason: 'draft_not_yours' });
    await call(other.client, 'drafts.discard', { draftId: mine });
    expect((await call(await clerk(), 'drafts.list', {})).find((d) => d.draftId === mine)).toMatchObject({
      state: { step: 'applicant' },
    });
  });
});

describe('search by a long name', () => {
  // Names are indexed by prefix; a name longer than the indexed prefixes must
  // still be found when typed in full (foreign applicants' names often are).
  it('finds an applicant by the full name, however long', async () => {
    const client = await clerk();
    const name = 'Maximilian Alexander Wolff';
    const { caseId } = await call(
      client,
      'intake.submit',
      pensionTransfer({ applicant: { name, idKind: 'passport', idNumber: 'E12345678', nationality: 'DEU' } }),
    );
    const found = async (query: string) => (await call(client, 'cases.list', { query })).rows.map((r) => r.caseId);
    expect(await found('Maximilian')).toEqual([caseId]);
    expect(await found(name)).toEqual([caseId]);
  });
});

describe('personal data at rest', () => {
  it('is neither in the database files nor in the log', async () => {
    // Everything so far went through this database; add an agent and a phone too.
    await call(
      await clerk(),
      'intake.submit',
      pensionTransfer({ agent: { ...AGENT, powerOfAttorney: 'original_kept', address: '湖北省武汉市江岸区某路1号' } }),
    );
    await site.backend.restart({ hard: true }); // nothing checkpointed: the WAL is read as it was left
    const bytes = databaseBytes();
    expect(bytes.length).toBeGreaterThan(0);
    // The search is sound: a value that is stored in the clear is found.
    expect(bytes.includes(Buffer.from(TEST_DEVICE.hall))).toBe(true);
    for (const secret of [
      APPLICANT.idNumber,
      APPLICANT.name,
      APPLICANT.phone,
      AGENT.idNumber,
      AGENT.name,
      AGENT.phone,
      '湖北省武汉市江岸区某路1号',
    ]) {
      expect(bytes.includes(Buffer.from(secret, 'utf8')), secret).toBe(false);
      expect(site.backend.logs(), secret).not.toContain(secret);
    }
    expect(site.backend.logs()).toContain('backend.ready');
  });
});
