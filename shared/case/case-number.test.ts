import { describe, expect, it } from 'vitest';
import { caseNumberPrefix, formatCaseNumber, parseCaseNumber } from './case-number.ts';

describe('caseNumberPrefix', () => {
  it.each([
    ['3', '3'],
    ['360430', '360430'],
    ['360430-', '360430-'],
    ['3604302026', '360430-2026'],
    ['360430-2026', '360430-2026'],
    ['36043020261122', '360430-20261122'],
    ['360430-20261122-', '360430-20261122-'],
    ['3604302026112203', '360430-20261122-03'],
    [' 360430 20261122 0300 ', '360430-20261122-0300'],
    ['36043020261122030017', '360430-20261122-030017'],
    ['３６０４３０－２０２６', '360430-2026'],
    ['360430-20261122-030017-', '360430-20261122-030017-'],
  ])('%j begins %j', (text, prefix) => {
    expect(caseNumberPrefix(text)).toBe(prefix);
  });

  it.each([
    [''],
    ['张'],
    ['3604-30'], // a hyphen inside a group
    ['360430--2026'],
    ['360430202611220300170'], // 21 digits: a whole number, parsed as one
    ['36043019900101123X'], // an ID number's check character
    ['13800138000a'],
  ])('%j begins no case number', (text) => {
    expect(caseNumberPrefix(text)).toBeNull();
  });

  it('every start of a real number begins it', () => {
    const number = formatCaseNumber({ region: '360430', date: '20261122', window: '03', sequence: 17 });
    expect(parseCaseNumber(number).ok).toBe(true);
    for (let end = 1; end < number.length; end++) {
      const prefix = caseNumberPrefix(number.slice(0, end));
      expect(number.startsWith(prefix!), number.slice(0, end)).toBe(true);
      expect(caseNumberPrefix(number.slice(0, end).replaceAll('-', ''))).toBe(prefix!.replace(/-$/, ''));
    }
  });
});
