import { describe, expect, it } from 'vitest';
import { maskIdentity, maskIdNumber, maskName, maskPhone } from './mask.ts';
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
  it.each([
    ['13812348000', '138****8000'],
    ['91234567', '91****67'],
    ['', ''],
  ])('%s → %s', (input, expected) => {
    expect(maskPhone(input)).toBe(expected);
  });
});

describe('maskIdentity', () => {
  it.each<[IdentityKind, string, string]>([
    ['mobile', '13812348000', '138****8000'],
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
