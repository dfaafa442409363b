import { describe, expect, it } from 'vitest';
import { checkEmsWaybill, checkWaybill, isEmsCarrier, s10CheckDigit } from './waybill.ts';

describe('EMS waybill numbers', () => {
  it('computes the S10 check digit, 10 becoming 0 and 11 becoming 5', () => {
    expect(s10CheckDigit('12345678')).toBe(5);
    // 4·8 + 7·2 = 46, 46 mod 11 = 2 → 9
    expect(s10CheckDigit('40070000')).toBe(9);
    // a sum of 0 → 11 → 5
    expect(s10CheckDigit('00000000')).toBe(5);
    // 4·3 = 12, 12 mod 11 = 1 → 10 → 0
    expect(s10CheckDigit('00004000')).toBe(0);
  });

  it('takes the S10 form with a right check digit and the 13-digit domestic number', () => {
    expect(checkEmsWaybill('EA123456785CN')).toEqual({ ok: true, value: 'EA123456785CN', form: 's10' });
    expect(checkEmsWaybill(' ea 1234 5678 5 cn ')).toEqual({ ok: true, value: 'EA123456785CN', form: 's10' });
    expect(checkEmsWaybill('1234567890123')).toEqual({ ok: true, value: '1234567890123', form: 'ems_domestic' });
    expect(checkEmsWaybill('１２３４５６７８９０１２３').ok).toBe(true);
  });

  it('refuses a wrong check digit, a wrong length and letters in the wrong place', () => {
    for (const bad of [
      'EA123456784CN',
      'EA12345678CN',
      'E1123456785CN',
      'EA123456785C',
      '123456789012',
      'SF1234567890',
    ]) {
      expect(checkEmsWaybill(bad).ok, bad).toBe(false);
    }
  });

  it('checks EMS numbers only, whatever way the carrier is written', () => {
    expect(isEmsCarrier('EMS')).toBe(true);
    expect(isEmsCarrier('中国邮政 EMS')).toBe(true);
    expect(isEmsCarrier('中國郵政')).toBe(true);
    expect(isEmsCarrier('顺丰速运')).toBe(false);
    expect(checkWaybill('EMS', 'EA123456784CN').ok).toBe(false);
    expect(checkWaybill('顺丰速运', ' SF1234567890 ')).toEqual({ ok: true, value: 'SF1234567890', form: null });
  });
});
