import { describe, expect, it } from 'vitest';
import type { ChipIdentity } from '../../../shared/rpc/contract.ts';
import { identitySourceOf, withChipRead, withPhotoCompared } from './id-card-state.ts';
import { newWizard, toSubmission } from './wizard-state.ts';

const RESIDENT: ChipIdentity = {
  cardType: 'resident',
  idKind: 'resident_id',
  name: '测试样',
  sex: 'female',
  ethnicity: '汉',
  birthDate: '1988-05-12',
  address: '江西省赣州市石城县琴江镇样例路18号',
  idNumber: '360730198805124022',
  authority: '石城县公安局',
  validFrom: '2016-03-01',
  validTo: '2036-03-01',
  expired: false,
  photo: { status: 'no_decoder' },
};

describe('a card read in the wizard', () => {
  it('fills the applicant, keeps the phone typed, and submits the chip source with the comparison', () => {
    const before = newWizard('zh-CN');
    const typedPhone = { ...before, applicant: { ...before.applicant, phone: '13812348000' } };
    const read = withChipRead(typedPhone, RESIDENT);
    expect(read.applicant).toMatchObject({ name: '测试样', idNumber: '360730198805124022', phone: '13812348000' });
    expect(identitySourceOf(read)).toMatchObject({ source: 'chip', photoCompared: false });
    expect(toSubmission(withPhotoCompared(read, true)).identitySource).toEqual({
      source: 'chip',
      cardType: 'resident',
      validFrom: '2016-03-01',
      validTo: '2036-03-01',
      expired: false,
      photoCompared: true,
    });
    // The photo is the screen's alone: nothing of it reaches the draft.
    expect(JSON.stringify(read)).not.toContain('no_decoder');
  });

  it('turns typed once a value the chip filled is changed, and stays chip when only the phone is', () => {
    const read = withChipRead(newWizard('zh-CN'), RESIDENT);
    const phone = { ...read, applicant: { ...read.applicant, phone: '13900001111' } };
    expect(identitySourceOf(phone).source).toBe('chip');
    for (const change of [{ name: '测试样改' }, { idNumber: '11010219781027232X' }, { address: '别处' }]) {
      expect(
        identitySourceOf({ ...read, applicant: { ...read.applicant, ...change } }),
        JSON.stringify(change),
      ).toEqual({
        source: 'typed',
      });
    }
    expect(identitySourceOf(newWizard('zh-CN'))).toEqual({ source: 'typed' });
  });

  it('leaves the address to the clerk where the card has none', () => {
    const foreign: ChipIdentity = { ...RESIDENT, cardType: 'foreign_permanent', address: undefined };
    const read = withChipRead(newWizard('zh-CN'), foreign);
    expect(identitySourceOf({ ...read, applicant: { ...read.applicant, address: '上海市' } }).source).toBe('chip');
  });
});
