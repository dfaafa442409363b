import { describe, expect, it } from 'vitest';
import { maskBankAccount, maskIdentity, maskIdNumber, maskName, maskPhone, maskSensitive } from './mask.ts';
import { validatePhone } from './phone.ts';
import type { IdentityKind } from './validate.ts';

describe('maskIdNumber', () => {
  it.each([
    ['110102199001011234', '110102********1234'],
    ['11010219781027232X', '110102********232X'],
    ['91110108551385082Q', '911101********082Q'],
    ['KAZ110090123105', 'KAZ*********105'],
    ['H12345678', 'H1*****78'],
    ['12345678', '12****78'],
    ['A1234567890123456789', 'A12*************6789'],
    ['X1234', 'X***4'],
    ['AB12', 'A**2'],
    ['AB', 'A*'],
    ['A', '*'],
    ['', ''],
  ])('%s → %s', (input, expected) => {
    expect(maskIdNumber(input)).toBe(expected);
  });

  it('never reveals more than half of a value shorter than 18 characters', () => {
    for (let n = 1; n < 18; n++) {
      const masked = maskIdNumber('9'.repeat(n));
      expect(masked).toHaveLength(n);
      expect(masked.replaceAll('*', '').length).toBeLessThanOrEqual(Math.floor(n / 2));
    }
  });
});

describe('maskName', () => {
  it.each([
    ['张三', '张*'],
    ['张三丰', '张**'],
    ['欧阳娜娜', '欧***'],
    ['阿依古丽·买买提', '阿*******'],
    ['陳大文', '陳**'],
    ['张', '*'],
    ['John Smith', 'J*** S****'],
    ['  John   Smith ', 'J*** S****'],
    ['Mary-Jane Watson', 'M***-J*** W*****'],
    ['Li A', 'L* *'],
    ['', ''],
  ])('%s → %s', (input, expected) => {
    expect(maskName(input)).toBe(expected);
  });
});

describe('maskPhone', () => {
  // Codes stay readable; the subscriber number shows at most its last 4 digits and at most half.
  it.each([
    ['13812348000', '138****8000'],
    ['010-62345678', '010-****5678'],
    ['0791-8612345', '0791-****345'],
    ['0791-86123456-8001', '0791-****3456-****'],
    ['+852 91234567', '+852 ****4567'],
    ['+853 66123456', '+853 ****3456'],
    ['+886 912345678', '+886 *****5678'],
    ['+44 2071234567', '+44 ******4567'],
    ['+683 4002', '+683 **02'],
    // Not a canonical form (nothing stored is): at most half is shown.
    ['91234567', '91****67'],
    ['', ''],
  ])('%s → %s', (input, expected) => {
    expect(maskPhone(input)).toBe(expected);
  });

  it('reveals no more of any plan than the mainland mask does: 4 subscriber digits, never half', () => {
    const typed = ['13812348000', '0791-86123456-8001', '021-61234567', '+852 91234567', '+853 66123456'];
    typed.push('+886 0912 345 678', '+44 20 7123 4567', '+1 415 555 2671', '+683 4002', '+49 1234567890123');
    for (const input of typed) {
      const canonical = validatePhone(input).value!;
      const masked = maskPhone(canonical);
      const subscriber = (v: string): string => v.replace(/^(1\d\d|0\d{2,3}-|\+\d{1,3} )/, '').split('-')[0]!;
      const shown = subscriber(masked).replaceAll('*', '');
      expect(shown.length, input).toBeLessThanOrEqual(Math.min(4, subscriber(canonical).length / 2));
      expect(masked, input).not.toBe(canonical);
      expect(masked.length, input).toBe(canonical.length);
    }
  });
});

describe('maskIdentity', () => {
  it.each<[IdentityKind, string, string]>([
    ['mobile', '13812348000', '138****8000'],
    ['mobile', '+852 91234567', '+852 ****4567'],
    ['resident_id', '11010219781027232X', '110102********232X'],
    ['hkmo_residence_permit', '810000199408230021', '810000********0021'],
    ['uscc', '91110108551385082Q', '911101********082Q'],
    ['hkmo_travel_permit', 'H12345678', 'H1*****78'],
    ['passport', 'E12345678', 'E1*****78'],
    ['resident_id', '', ''],
  ])('%s %s → %s', (kind, input, expected) => {
    const masked = maskIdentity(kind, input);
    expect(masked).toBe(expected);
    if (input) expect(masked).not.toBe(input);
  });
});

describe('maskBankAccount', () => {
  it.each([
    ['6222021234567890123', '622202*********0123'],
    ['6222 0212 3456 7890', '622202******7890'],
    ['62220212345678', '622********678'],
    ['12345678', '12****78'],
  ])('%s → %s', (input, expected) => {
    expect(maskBankAccount(input)).toBe(expected);
  });

  it('hides at least six digits of any card number and never more than half shows of a short one', () => {
    for (let n = 1; n <= 19; n++) {
      const masked = maskBankAccount('8'.repeat(n));
      const shown = masked.replaceAll('*', '').length;
      expect(shown).toBeLessThanOrEqual(n >= 16 ? n - 6 : Math.floor(n / 2));
    }
  });
});

describe('maskSensitive', () => {
  it('masks each kind as its own mask does, numbers as their digits', () => {
    expect(maskSensitive('bank_account', '6222021234567890123')).toBe('622202*********0123');
    expect(maskSensitive('document_number', '11010219781027232X')).toBe('110102********232X');
    expect(maskSensitive('phone', '13812348000')).toBe('138****8000');
    expect(maskSensitive('document_number', 12345678)).toBe('12****78');
  });
});
