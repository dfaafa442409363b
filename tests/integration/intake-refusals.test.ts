// Bad input at intake: each submission is refused with its reason, and
// nothing of it is written.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { AGENT, APPLICANT, call, pensionTransfer, refusal, residentId, type Submission } from './harness.ts';
import { expectNothingWritten, intakeBackend } from './intake-backend.ts';

const site = intakeBackend();
const clerk = site.clerk;

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
    await expectNothingWritten(site.backend, async () => {
      const error = await refusal(client.request('intake.submit', submission));
      expect(error).toMatchObject({ code: 'REJECTED', reason });
      expect(error.params ?? {}).toMatchObject(params);
    });
  });

  it('a second submit of the same intake names the case the first one made', async () => {
    const client = await clerk();
    const submission = pensionTransfer();
    const first = await call(client, 'intake.submit', submission);
    await expectNothingWritten(site.backend, async () => {
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
