// Intake at the window (issue 3, items 4, 5, 7 and 8) as an intake clerk,
// against the real backend entry as its own process: a valid KST-SI-004 case,
// its case number, list, detail, outbox and blind-index search; personal data
// encrypted at rest and revealed only through an audited call; bad input
// refused with nothing half-saved; scans; drafts across a restart.
import { createHash, randomUUID } from 'node:crypto';
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatCaseNumber, parseCaseNumber } from '../../shared/case/case-number.ts';
import type { RpcClient } from '../../shared/rpc/client.ts';
import { MAX_SCAN_BYTES } from '../../shared/rpc/contract.ts';
import {
  AGENT,
  APPLICANT,
  call,
  countRows,
  createUser,
  login,
  makePng,
  PDF_BYTES,
  pensionTransfer,
  refusal,
  residentId,
  seedMatter,
  setUpDevice,
  startChild,
  TEST_DEVICE,
  uploadScan,
  withDb,
  type BackendUnderTest,
  type Submission,
} from './harness.ts';

const MATTER = seedMatter('KST-SI-004');

let backend: BackendUnderTest;
let clerkToken: string;
let clerkUserId: string;
let adminToken: string;

/** A new connection carrying the clerk's session (it outlives restarts). */
const clerk = (): Promise<RpcClient> => backend.connect(clerkToken);

beforeAll(async () => {
  backend = await startChild();
  const { admin, info: adminInfo } = await setUpDevice(backend);
  adminToken = adminInfo.token;
  const credentials = await createUser(admin, ['intake_clerk']);
  const { info } = await login(backend, credentials);
  clerkToken = info.token;
  clerkUserId = credentials.userId;
}, 30_000);

afterAll(async () => {
  await backend.stop();
});

function today(): string {
  const now = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}${pad(now.getMonth() + 1)}${pad(now.getDate())}`;
}

function blobFiles(): string[] {
  const dir = join(backend.dataDir, 'blobs');
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)))
    .sort();
}

/** The database as bytes on disk: the main file, its WAL and shared memory. */
function databaseBytes(): Buffer {
  return Buffer.concat(
    ['', '-wal', '-shm']
      .map((suffix) => `${backend.dbFile}${suffix}`)
      .filter(existsSync)
      .map((f) => readFileSync(f)),
  );
}

async function expectNothingWritten(attempt: () => Promise<unknown>): Promise<void> {
  const before = countRows(backend.dbFile, [
    'cases',
    'case_events',
    'outbox_events',
    'outbox_blobs',
    'case_search',
    'case_blobs',
    'case_no_counters',
    'remotes',
    'blobs',
  ]);
  const blobsBefore = blobFiles();
  await attempt();
  expect(countRows(backend.dbFile, Object.keys(before))).toEqual(before);
  expect(blobFiles()).toEqual(blobsBefore);
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
    withDb(backend.dbFile, (db) =>
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
    withDb(backend.dbFile, (db) => {
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
      withDb(backend.dbFile, (db) =>
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
      { user_id: clerkUserId, target: caseId, detail: JSON.stringify({ field: 'applicant.idNumber' }) },
      { user_id: clerkUserId, target: caseId, detail: JSON.stringify({ field: 'applicant.name' }) },
    ]);
    // A case without an agent has no agent fields to reveal, and that is not audited.
    expect(await refusal(client.request('cases.reveal', { caseId, field: 'agent.idNumber' }))).toMatchObject({
      code: 'NOT_FOUND',
    });
    expect(auditCount()).toHaveLength(2);
  });
});

describe('bad input is refused, with its reason, and nothing is written', () => {
  const withoutMaterial = (materialId: string): Submission => {
    const valid = pensionTransfer();
    return { ...valid, materials: valid.materials.filter((m) => m.materialId !== materialId) };
  };
  const nextYear = new Date().getFullYear() + 1;
  const cases: [string, Submission, string, Record<string, unknown>][] = [
    [
      'a wrong check character in the ID number',
      pensionTransfer({ applicant: { ...APPLICANT, idNumber: `${APPLICANT.idNumber.slice(0, 17)}1` } }),
      'applicant_id_invalid',
      { code: 'bad_checksum' },
    ],
    [
      'an impossible birth date (30 February)',
      pensionTransfer({ applicant: { ...APPLICANT, idNumber: residentId('110102', '19780230', '232') } }),
      'applicant_id_invalid',
      { code: 'bad_birth_date' },
    ],
    [
      'a birth date in the future',
      pensionTransfer({ applicant: { ...APPLICANT, idNumber: residentId('110102', `${nextYear}0101`, '232') } }),
      'applicant_id_invalid',
      { code: 'future_birth_date' },
    ],
    [
      'a missing required material',
      withoutMaterial('contribution_certificate'),
      'material_missing',
      { materialId: 'contribution_certificate' },
    ],
    [
      'a required material marked as not provided',
      pensionTransfer({
        materials: pensionTransfer().materials.map((m) =>
          m.materialId === 'id_card' ? { materialId: 'id_card', outcome: 'not_provided' as const } : m,
        ),
      }),
      'material_missing',
      { materialId: 'id_card' },
    ],
    [
      'an agent without a power of attorney',
      pensionTransfer({ agent: { ...AGENT, powerOfAttorney: null } }),
      'agent_needs_power_of_attorney',
      {},
    ],
    [
      'a scan that was never uploaded',
      pensionTransfer({
        scans: [{ sha256: createHash('sha256').update('never uploaded').digest('hex'), materialId: 'id_card' }],
      }),
      'scan_missing',
      {},
    ],
  ];

  it.each(cases)('%s', async (_name, submission, reason, params) => {
    const client = await clerk();
    await expectNothingWritten(async () => {
      const error = await refusal(client.request('intake.submit', submission));
      expect(error).toMatchObject({ code: 'REJECTED', reason });
      expect(error.params ?? {}).toMatchObject(params);
    });
  });

  it('a second submit of the same intake names the case the first one made', async () => {
    const client = await clerk();
    const submission = pensionTransfer();
    const first = await call(client, 'intake.submit', submission);
    await expectNothingWritten(async () => {
      const again = await refusal(client.request('intake.submit', submission));
      expect(again).toMatchObject({ code: 'REJECTED', reason: 'already_submitted', params: { caseNo: first.caseNo } });
      // Even when the second one differs: the submission id is what identifies the intake.
      const edited = { ...submission, priority: true, applicant: { ...submission.applicant, name: '张三丰' } };
      expect(await refusal(client.request('intake.submit', edited))).toMatchObject({ reason: 'already_submitted' });
    });
    const rows = (await call(client, 'cases.list', { query: first.caseNo })).rows;
    expect(rows).toHaveLength(1);
    expect(rows[0]!.priority).toBe(false);
  });
});

describe('scans', () => {
  it('refuses types other than JPEG, PNG and PDF, files over the limit, and content that is not its type', async () => {
    const client = await clerk();
    await expectNothingWritten(async () => {
      expect(await refusal(client.request('scans.begin', { mediaType: 'image/gif', size: 100 }))).toMatchObject({
        code: 'REJECTED',
        reason: 'scan_type_not_allowed',
      });
      expect(
        await refusal(client.request('scans.begin', { mediaType: 'application/pdf', size: MAX_SCAN_BYTES + 1 })),
      ).toMatchObject({ code: 'REJECTED', reason: 'scan_too_large' });
      expect(await refusal(uploadScan(client, PDF_BYTES, 'image/png'))).toMatchObject({
        code: 'REJECTED',
        reason: 'scan_type_mismatch',
      });
      expect(await refusal(uploadScan(client, makePng('not a pdf'), 'application/pdf'))).toMatchObject({
        reason: 'scan_type_mismatch',
      });
    });
    // At the limit is allowed to start.
    expect(await client.request('scans.begin', { mediaType: 'application/pdf', size: MAX_SCAN_BYTES })).toMatchObject({
      ok: true,
    });
  });

  it('stores a scan once, encrypted, under the blobs folder, and a case can refer to it', async () => {
    const client = await clerk();
    const png = makePng('scan of the ID card', 48, 48);
    const sha256 = createHash('sha256').update(png).digest('hex');
    const filesBefore = blobFiles();

    const first = await call(client, 'scans.begin', { mediaType: 'image/png', size: png.length }).then(
      async ({ uploadId }) => {
        const half = Math.floor(png.length / 2);
        expect(
          await call(client, 'scans.chunk', { uploadId, index: 0, data: png.subarray(0, half).toString('base64') }),
        ).toEqual({ received: half });
        await call(client, 'scans.chunk', { uploadId, index: 1, data: png.subarray(half).toString('base64') });
        return call(client, 'scans.finish', { uploadId, thumbnail: null });
      },
    );
    expect(first).toEqual({ sha256, mediaType: 'image/png', size: png.length, thumbnailSha256: null });

    const added = blobFiles().filter((f) => !filesBefore.includes(f));
    expect(added).toEqual([join(sha256.slice(0, 2), `${sha256}.tbb`)]);
    const stored = readFileSync(join(backend.dataDir, 'blobs', added[0]!));
    expect(stored.includes(png)).toBe(false);
    expect(stored.includes(png.subarray(0, 33))).toBe(false); // signature and IHDR
    expect(stored.includes(png.subarray(41, 73))).toBe(false); // compressed pixels

    // The same bytes again: the same address, no second file, the first one untouched.
    expect(await uploadScan(client, png, 'image/png', 3)).toMatchObject({ ok: true, value: { sha256 } });
    expect(blobFiles().filter((f) => !filesBefore.includes(f))).toEqual(added);
    expect(readFileSync(join(backend.dataDir, 'blobs', added[0]!)).equals(stored)).toBe(true);

    // Before a case exists, a scan is readable only through the viewer's own draft.
    expect(await client.request('scans.get', { sha256, caseId: null })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    const draftId = randomUUID();
    await call(client, 'drafts.save', { draftId, state: { scans: [{ sha256 }] } });
    const back = await call(client, 'scans.get', { sha256, caseId: null });
    expect(Buffer.from(back.data, 'base64').equals(png)).toBe(true);
    await call(client, 'drafts.discard', { draftId });

    const { caseId } = await call(
      client,
      'intake.submit',
      pensionTransfer({ scans: [{ sha256, materialId: 'id_card' }] }),
    );
    expect((await call(client, 'cases.get', { caseId })).scans).toEqual([
      { sha256, materialId: 'id_card', mediaType: 'image/png', held: true },
    ]);
    // Read back through its case with the audited call, it is the original.
    const viewed = await call(client, 'scans.get', { sha256, caseId });
    expect(Buffer.from(viewed.data, 'base64').equals(png)).toBe(true);
    withDb(backend.dbFile, (db) => {
      expect(db.prepare('SELECT sha256, material_id FROM case_blobs WHERE case_id = ?').all(caseId)).toEqual([
        { sha256, material_id: 'id_card' },
      ]);
      expect(
        db
          .prepare('SELECT r.region_code FROM outbox_blobs o JOIN remotes r USING (remote_id) WHERE o.sha256 = ?')
          .all(sha256),
      ).toEqual([{ region_code: MATTER.handlingRegion }]);
    });
  });
});

describe('drafts', () => {
  it('survive a restart, and are gone once submitted', async () => {
    const draftId = randomUUID();
    const state = { step: 'materials', matterId: MATTER.id, applicant: { name: APPLICANT.name } };
    await call(await clerk(), 'drafts.save', { draftId, state });

    await backend.restart();
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
    const other = await login(backend, await createUser(await backend.connect(adminToken), ['intake_clerk']));
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
    await backend.restart({ hard: true }); // nothing checkpointed: the WAL is read as it was left
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
      expect(backend.logs(), secret).not.toContain(secret);
    }
    expect(backend.logs()).toContain('backend.ready');
  });
});
