// The counter's paperwork before a case exists, through the real backend: a
// one-time notice recorded on its consultation (its list in the audit log,
// ids and codes only), listed again for a reprint, its prints audited; bad
// lists refused with nothing written. And the application form signed on the
// pad (the simulator) becoming a scan of the case, encrypted and queued for
// the handling region like every scan.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  startSignaturePadSimulator,
  type SignaturePadSimulator,
} from '../../electron/backend/devices/signature-pad-simulator.ts';
import { sniffMediaType } from '../../electron/backend/services/blobs.ts';
import { noticeItemsFromCheck } from '../../shared/paperwork/one-time-notice.ts';
import type { RpcClient } from '../../shared/rpc/client.ts';
import {
  APPLICANT,
  call,
  countRows,
  makePng,
  pensionTransfer,
  refusal,
  seedMatter,
  setUpDevice,
  staffClient,
  startInProcess,
  TEST_DEVICE,
  uploadScan,
  withDb,
  type BackendUnderTest,
} from './harness.ts';

const MATTER = seedMatter('KST-SI-004');
const NOTICE_TABLES = ['consultations', 'audit_log'] as const;

describe('paperwork', () => {
  let backend: BackendUnderTest;
  let simulator: SignaturePadSimulator;
  let admin: RpcClient;
  let clerk: RpcClient;
  let officer: RpcClient;

  beforeAll(async () => {
    backend = startInProcess();
    simulator = await startSignaturePadSimulator();
    ({ admin } = await setUpDevice(backend));
    clerk = await staffClient(backend, admin, ['intake_clerk']);
    officer = await staffClient(backend, admin, ['handling_officer']);
  });
  afterAll(async () => {
    await simulator.close();
    await backend.stop();
  });

  it('derives the list from a failed materials check: required and not provided, or marked wrong', () => {
    const outcomes = Object.fromEntries(MATTER.materials.map((m) => [m.id, 'not_provided']));
    outcomes.id_card = 'received';
    const items = noticeItemsFromCheck(MATTER, outcomes, { id_card: 'expired' });
    const required = MATTER.materials.filter((m) => m.requirement === 'required').map((m) => m.id);
    expect(items.map((i) => i.materialId)).toEqual(required);
    expect(items.find((i) => i.materialId === 'id_card')).toEqual({ materialId: 'id_card', problem: 'expired' });
    expect(items.filter((i) => i.materialId !== 'id_card').every((i) => i.problem === 'missing')).toBe(true);
  });

  it('records a notice on its consultation, the list in the audit log without personal data', async () => {
    const note = `${APPLICANT.name} ${APPLICANT.phone} 问养老保险转移`;
    const items = [
      { materialId: 'id_card', problem: 'expired' as const },
      { materialId: 'application_form', problem: 'missing' as const },
    ];
    const notice = await call(clerk, 'paperwork.issueOneTimeNotice', {
      matterId: MATTER.id,
      language: 'zh-TW',
      items,
      note,
      minutes: 6,
    });
    expect(notice).toMatchObject({
      noticeId: notice.consultationId,
      hall: TEST_DEVICE.hall,
      matterId: MATTER.id,
      language: 'zh-TW',
      items,
    });
    expect(notice.clerk).toMatch(/^User /);

    // Listed for a reprint as issued; the consultation's note encrypted at rest.
    expect((await call(clerk, 'paperwork.oneTimeNotices', {}))[0]).toEqual(notice);
    withDb(backend.dbFile, (db) => {
      const row = db
        .prepare('SELECT matter_id, note_enc, minutes FROM consultations WHERE consultation_id = ?')
        .get(notice.consultationId) as { matter_id: string; note_enc: string; minutes: number };
      expect(row).toMatchObject({ matter_id: MATTER.id, minutes: 6 });
      expect(row.note_enc).not.toContain(APPLICANT.name);
      const entry = db.prepare("SELECT target, detail FROM audit_log WHERE action = 'notice.one_time'").get() as {
        target: string;
        detail: string;
      };
      expect(entry.target).toBe(notice.consultationId);
      expect(JSON.parse(entry.detail)).toEqual({
        noticeId: notice.noticeId,
        hall: TEST_DEVICE.hall,
        matterId: MATTER.id,
        language: 'zh-TW',
        items,
      });
      const everything = JSON.stringify(db.prepare('SELECT * FROM audit_log').all());
      for (const personal of [APPLICANT.name, APPLICANT.phone, '问养老保险转移'])
        expect(everything).not.toContain(personal);
    });
  });

  it('lists the notices newest first, for a reprint, and audits each print', async () => {
    const second = await call(clerk, 'paperwork.issueOneTimeNotice', {
      matterId: 'KST-SI-001',
      language: 'en',
      items: [{ materialId: seedMatter('KST-SI-001').materials[0]!.id, problem: 'missing' }],
      note: 'asked about insurance records',
      minutes: 3,
    });
    const listed = await call(clerk, 'paperwork.oneTimeNotices', {});
    expect(listed.map((n) => n.noticeId).slice(0, 2)).toEqual([second.noticeId, listed[1]!.noticeId]);
    expect(listed[1]!.matterId).toBe(MATTER.id);

    expect(
      await call(clerk, 'paperwork.recordNoticePrint', {
        noticeId: second.noticeId,
        output: 'pdf',
        outcome: 'requested',
      }),
    ).toEqual({ ok: true });
    withDb(backend.dbFile, (db) => {
      const printed = db
        .prepare("SELECT target, detail FROM audit_log WHERE action = 'notice.one_time_print'")
        .all() as { target: string; detail: string }[];
      expect(printed.map((p) => [p.target, JSON.parse(p.detail)])).toEqual([
        [second.noticeId, { output: 'pdf', outcome: 'requested' }],
      ]);
    });
    expect(
      await refusal(
        clerk.request('paperwork.recordNoticePrint', { noticeId: 'no-such-notice', output: 'pdf', outcome: 'saved' }),
      ),
    ).toMatchObject({ code: 'REJECTED', reason: 'notice_unknown' });
  });

  it('refuses an unknown matter, a material off the checklist, one listed twice and an empty list; writes nothing', async () => {
    const before = countRows(backend.dbFile, NOTICE_TABLES);
    const base = { matterId: MATTER.id, language: 'zh-CN' as const, note: '问材料', minutes: 2 };
    const cases: [object, object][] = [
      [
        { ...base, matterId: 'KST-NONE-999', items: [{ materialId: 'id_card', problem: 'missing' }] },
        { reason: 'matter_unknown' },
      ],
      [
        { ...base, items: [{ materialId: 'passport_of_mars', problem: 'missing' }] },
        { reason: 'notice_material_unknown', params: { materialId: 'passport_of_mars' } },
      ],
      [
        {
          ...base,
          items: [
            { materialId: 'id_card', problem: 'missing' },
            { materialId: 'id_card', problem: 'expired' },
          ],
        },
        { reason: 'notice_material_repeated' },
      ],
      [{ ...base, items: [] }, { code: 'INVALID_INPUT' }],
      [{ ...base, items: [{ materialId: 'id_card', problem: 'torn' }] }, { code: 'INVALID_INPUT' }],
    ];
    for (const [input, expected] of cases) {
      expect(await refusal(clerk.request('paperwork.issueOneTimeNotice', input as never))).toMatchObject(expected);
    }
    expect(countRows(backend.dbFile, NOTICE_TABLES)).toEqual(before);
  });

  it('lets only those who log consultations issue notices, and only intake clerks record form prints', async () => {
    const input = {
      matterId: MATTER.id,
      language: 'zh-CN' as const,
      items: [{ materialId: 'id_card', problem: 'missing' as const }],
      note: '问材料',
      minutes: 2,
    };
    expect(await refusal(officer.request('paperwork.issueOneTimeNotice', input))).toMatchObject({
      code: 'PERMISSION_DENIED',
    });
    expect(
      await refusal(
        officer.request('paperwork.recordFormPrint', {
          draftId: crypto.randomUUID(),
          matterId: MATTER.id,
          output: 'printer',
          outcome: 'printed',
        }),
      ),
    ).toMatchObject({ code: 'PERMISSION_DENIED' });
  });

  it('audits a printed application form by its draft and matter, never its content', async () => {
    const draftId = crypto.randomUUID();
    await call(clerk, 'paperwork.recordFormPrint', {
      draftId,
      matterId: MATTER.id,
      output: 'printer',
      outcome: 'printed',
    });
    expect(
      await refusal(
        clerk.request('paperwork.recordFormPrint', {
          draftId,
          matterId: 'KST-NONE-999',
          output: 'pdf',
          outcome: 'saved',
        }),
      ),
    ).toMatchObject({ reason: 'matter_unknown' });
    withDb(backend.dbFile, (db) => {
      const rows = db.prepare("SELECT target, detail FROM audit_log WHERE action = 'application_form.print'").all() as {
        target: string;
        detail: string;
      }[];
      expect(rows.map((r) => [r.target, JSON.parse(r.detail)])).toEqual([
        [draftId, { matterId: MATTER.id, output: 'printer', outcome: 'printed' }],
      ]);
    });
  });

  it('says so when the window has no pad, or the applicant cancels on it; nothing is kept', async () => {
    expect(await refusal(clerk.request('paperwork.signForm', { prompt: '请签名' }))).toMatchObject({
      reason: 'signature_pad_not_configured',
    });
    await call(admin, 'devices.setSignaturePad', { url: simulator.url });
    simulator.behave({ answer: 'cancel', delayMs: 0 });
    const before = countRows(backend.dbFile, ['blobs']);
    expect(await refusal(clerk.request('paperwork.signForm', { prompt: '请签名' }))).toMatchObject({
      reason: 'signature_cancelled',
    });
    expect(countRows(backend.dbFile, ['blobs'])).toEqual(before);
  });

  it('keeps the form signed on the pad as a scan of the case: encrypted, and queued with its case', async () => {
    simulator.behave({ answer: 'signature', delayMs: 0 });
    const { png } = await call(clerk, 'paperwork.signForm', { prompt: '请核对申请表后签名' });
    expect(simulator.prompts.at(-1)).toBe('请核对申请表后签名');
    const signature = Buffer.from(png, 'base64');
    expect(sniffMediaType(signature)).toBe('image/png');
    const signatureSha = createHash('sha256').update(signature).digest('hex');
    withDb(backend.dbFile, (db) => {
      // Not kept on its own: only the form it is drawn into is.
      expect(db.prepare('SELECT 1 FROM blobs WHERE sha256 = ?').get(signatureSha)).toBeUndefined();
      const entry = db
        .prepare("SELECT detail FROM audit_log WHERE action = 'signature.capture' ORDER BY seq DESC LIMIT 1")
        .get() as { detail: string };
      expect(JSON.parse(entry.detail)).toEqual({
        sha256: signatureSha,
        size: signature.length,
        document: 'application_form',
      });
    });
    // The window draws the form with the signature in its box and sends the page as a scan.
    const signedForm = makePng(`application form signed with ${signatureSha}`, 64, 90);
    const uploaded = await uploadScan(clerk, signedForm, 'image/png');
    if (!uploaded.ok) throw new Error(uploaded.error.message);
    const scan = uploaded.value;
    const form = MATTER.materials.find((m) => m.systemGenerated)!;
    const { caseId } = await call(
      clerk,
      'intake.submit',
      pensionTransfer({ scans: [{ sha256: scan.sha256, materialId: form.id }] }),
    );
    expect((await call(clerk, 'cases.get', { caseId })).scans).toEqual([
      { sha256: scan.sha256, materialId: form.id, mediaType: 'image/png', held: true },
    ]);
    const read = await call(clerk, 'scans.get', { sha256: scan.sha256, caseId });
    expect(Buffer.from(read.data, 'base64').equals(signedForm)).toBe(true);
    const file = readFileSync(join(backend.dataDir, 'blobs', scan.sha256.slice(0, 2), `${scan.sha256}.tbb`));
    expect(sniffMediaType(file)).toBeNull();
    withDb(backend.dbFile, (db) => {
      expect(
        db
          .prepare('SELECT r.region_code FROM outbox_blobs o JOIN remotes r USING (remote_id) WHERE o.sha256 = ?')
          .all(scan.sha256),
      ).toEqual([{ region_code: MATTER.handlingRegion }]);
    });
  });
});
