// Identity rules at intake, against the real backend entry as its own process:
// phones of every plan stored canonically, masked and found by the blind
// index; a passport's nationality; the power of attorney kept as an original;
// a title certificate waived online only for junior and intermediate titles.
// Each refusal names its reason and writes nothing.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RpcClient } from '../../shared/rpc/client.ts';
import { PRIVACY_NOTICE_VERSION } from '../../shared/case/privacy-notice.ts';
import {
  AGENT,
  APPLICANT,
  call,
  countRows,
  createUser,
  login,
  pensionTransfer,
  refusal,
  seedMatter,
  setUpDevice,
  startChild,
  type BackendUnderTest,
  type Submission,
} from './harness.ts';

let backend: BackendUnderTest;
let clerkToken: string;

const clerk = (): Promise<RpcClient> => backend.connect(clerkToken);

beforeAll(async () => {
  backend = await startChild();
  const { admin } = await setUpDevice(backend);
  const credentials = await createUser(admin, ['intake_clerk']);
  clerkToken = (await login(backend, credentials)).info.token;
}, 30_000);

afterAll(async () => {
  await backend.stop();
});

const PASSPORT_HOLDER = { name: 'John Smith', idKind: 'passport' as const, idNumber: 'A12345678' };

/** A KST-TAL-001 (title confirmation) intake at the given level, every required material received. */
function titleConfirmation(level: string, certificate: Submission['materials'][number] | null = null): Submission {
  const matter = seedMatter('KST-TAL-001');
  return {
    submissionId: randomUUID(),
    matterId: matter.id,
    // Handled where the applicant's current employer is.
    handlingRegion: '421127',
    applicant: { ...APPLICANT },
    agent: null,
    priority: false,
    materials: matter.materials
      .filter((m) => m.requirement === 'required')
      .map((m) =>
        m.id === 'title_certificate' && certificate
          ? certificate
          : { materialId: m.id, outcome: 'received' as const, forms: [...m.acceptedForms] },
      ),
    scans: [],
    formData: { title_name: '高级工程师', title_level: level, issuing_province: '江西省' },
    language: 'zh-CN',
    privacyNotice: { version: PRIVACY_NOTICE_VERSION, acknowledgedAt: new Date().toISOString() },
  };
}

const WAIVED = { materialId: 'title_certificate', outcome: 'waived' as const, verificationRef: 'ZC-2026-000123' };

describe('bad input is refused, with what is expected, and nothing is written', () => {
  const TABLES = ['cases', 'case_events', 'outbox_events', 'case_search', 'case_no_counters', 'remotes'];
  const cases: [string, Submission, string, Record<string, unknown>][] = [
    [
      'a phone of no known plan',
      pensionTransfer({ applicant: { ...APPLICANT, phone: '91234567' } }),
      'phone_invalid',
      { field: 'applicant.phone', code: 'phone_unknown_plan' },
    ],
    [
      'a Hong Kong phone one digit short',
      pensionTransfer({ applicant: { ...APPLICANT, phone: '+852 9123 456' } }),
      'phone_invalid',
      { field: 'applicant.phone', code: 'phone_hong_kong' },
    ],
    [
      "an agent's Taiwan phone one digit short",
      pensionTransfer({ agent: { ...AGENT, phone: '+886 91234567', powerOfAttorney: 'original_kept' } }),
      'phone_invalid',
      { field: 'agent.phone', code: 'phone_taiwan' },
    ],
    [
      'a passport without the nationality',
      pensionTransfer({ applicant: { ...PASSPORT_HOLDER } }),
      'nationality_missing',
      { field: 'applicant.nationality' },
    ],
    [
      'a nationality that is no ISO 3166-1 alpha-3 code',
      pensionTransfer({ applicant: { ...PASSPORT_HOLDER, nationality: 'XXA' } }),
      'nationality_unknown',
      { field: 'applicant.nationality' },
    ],
    [
      'a power of attorney received as a copy only',
      pensionTransfer({ agent: { ...AGENT, powerOfAttorney: 'copy_kept' } }),
      'material_form_not_accepted',
      { field: 'agent.powerOfAttorney', materialId: 'power_of_attorney' },
    ],
    [
      'the certificate of a senior title waived by online verification',
      titleConfirmation('senior', WAIVED),
      'material_waiver_not_allowed',
      { field: 'materials.title_certificate', materialId: 'title_certificate', fieldId: 'title_level' },
    ],
    [
      'the certificate of a deputy-senior title waived by online verification',
      titleConfirmation('deputy_senior', WAIVED),
      'material_waiver_not_allowed',
      { field: 'materials.title_certificate', materialId: 'title_certificate', fieldId: 'title_level' },
    ],
  ];

  it.each(cases)('%s', async (_name, submission, reason, params) => {
    const before = countRows(backend.dbFile, TABLES);
    const error = await refusal((await clerk()).request('intake.submit', submission));
    expect(error).toMatchObject({ code: 'REJECTED', reason, params });
    expect(countRows(backend.dbFile, TABLES)).toEqual(before);
  });
});

describe('accepted identities', () => {
  it.each(['junior', 'intermediate'])('waives the certificate of an %s title on an online verification', async (l) => {
    const client = await clerk();
    const { caseId } = await call(client, 'intake.submit', titleConfirmation(l, WAIVED));
    const detail = await call(client, 'cases.get', { caseId });
    expect(detail.materials.find((m) => m.materialId === 'title_certificate')).toEqual(WAIVED);
  });

  it('takes the certificate of a senior title when it is presented', async () => {
    const { caseId } = await call(await clerk(), 'intake.submit', titleConfirmation('senior'));
    expect(caseId).toBeTruthy();
  });

  // Typed one way, stored canonically, masked like a mainland mobile, found however it is typed again.
  it.each<[string, string, string, string[]]>([
    ['+852 9123 4567', '+852 91234567', '+852 ****4567', ['+85291234567', '00852 9123 4567']],
    ['+853 6612 3456', '+853 66123456', '+853 ****3456', ['+853-6612-3456']],
    ['+886 0912 345 678', '+886 912345678', '+886 *****5678', ['+886912345678']],
    ['0791-86123456', '0791-86123456', '0791-****3456', ['0791 8612 3456', '+86 791 86123456']],
    ['+44 20 7123 4567', '+44 2071234567', '+44 ******4567', ['00442071234567']],
  ])('a passport holder of phone %s', async (typed, stored, masked, queries) => {
    const client = await clerk();
    const applicant = { ...PASSPORT_HOLDER, nationality: 'USA', phone: typed };
    const { caseId } = await call(client, 'intake.submit', pensionTransfer({ applicant }));
    const detail = await call(client, 'cases.get', { caseId });
    expect(detail.applicant).toMatchObject({ idKind: 'passport', nationality: 'USA', phone: masked });
    expect(await call(client, 'cases.reveal', { caseId, field: 'applicant.phone' })).toEqual({ value: stored });
    for (const query of [typed, ...queries]) {
      const rows = (await call(client, 'cases.list', { query })).rows.map((r) => r.caseId);
      expect(rows, query).toEqual([caseId]);
    }
  });

  it('records an agent by passport with a nationality, and a case without one has none', async () => {
    const client = await clerk();
    const agent = { ...AGENT, ...PASSPORT_HOLDER, nationality: 'KOR', powerOfAttorney: 'original_kept' as const };
    const withAgent = await call(client, 'intake.submit', pensionTransfer({ agent }));
    expect((await call(client, 'cases.get', { caseId: withAgent.caseId })).agent).toMatchObject({
      nationality: 'KOR',
      powerOfAttorney: 'original_kept',
    });
    const plain = await call(client, 'intake.submit', pensionTransfer());
    expect((await call(client, 'cases.get', { caseId: plain.caseId })).applicant.nationality).toBeNull();
  });
});
