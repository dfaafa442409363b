// 人才绿卡 at the backend: an intake is a priority one on a card whose number
// and issuing region pass the check; a card that does not, or priority without
// one, is refused with its reason and nothing is written. The card travels in
// case.received with its number as printed, spaces and hyphens aside.
import { describe, expect, it } from 'vitest';
import { SEED_CATALOG } from '../../shared/catalog/seed.ts';
import { receivedPayload } from '../../electron/backend/services/intake.ts';
import { call, pensionTransfer, refusal } from './harness.ts';
import { expectNothingWritten, intakeBackend } from './intake-backend.ts';

const site = intakeBackend();

describe('the talent green card at intake', () => {
  it.each([
    ['priority without a card', { priority: true }, 'talent_card_missing'],
    [
      'a number of the wrong shape',
      { priority: true, talentCard: { number: 'HG/0001', issuingRegion: '421127' } },
      'talent_card_number_invalid',
    ],
    [
      'an issuing region not in the list',
      { priority: true, talentCard: { number: 'HG20240001', issuingRegion: '999999' } },
      'talent_card_issuer_unknown',
    ],
  ] as const)('refuses %s, and writes nothing', async (_name, extra, reason) => {
    const client = await site.clerk();
    await expectNothingWritten(site.backend, async () => {
      expect(await refusal(client.request('intake.submit', pensionTransfer(extra)))).toMatchObject({
        code: 'REJECTED',
        reason,
      });
    });
  });

  it('takes a priority intake on a good card, and lists it as a priority case', async () => {
    const client = await site.clerk();
    const { caseNo } = await call(
      client,
      'intake.submit',
      pensionTransfer({ priority: true, talentCard: { number: 'hg-2024 0001', issuingRegion: '421127' } }),
    );
    const [row] = (await call(client, 'cases.list', { query: caseNo })).rows;
    expect(row!.priority).toBe(true);
  });

  it('sends the card in case.received, its number as printed', () => {
    const matter = SEED_CATALOG.matters.find((m) => m.id === 'KST-SI-004')!;
    const submission = pensionTransfer({
      priority: true,
      talentCard: { number: 'hg-2024 0001', issuingRegion: '421127' },
    });
    const payload = receivedPayload({
      caseNo: '360430-20261207-03-0001-X',
      matter,
      catalogVersion: SEED_CATALOG.version,
      place: { regionCode: '360430', deviceName: '彭泽县收件一号机', hall: '彭泽县政务服务中心', window: '03' },
      submission,
      deadlines: { promised: null, statutory: null, provisional: false },
    });
    expect(payload).toMatchObject({ priority: true, talentCard: { number: 'HG20240001', issuingRegion: '421127' } });
  });
});
