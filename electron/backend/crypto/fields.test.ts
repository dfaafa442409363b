import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { decryptBytes, decryptText, encryptBytes, encryptText } from './fields.ts';

const key = randomBytes(32);

describe('field and blob encryption', () => {
  it('round-trips text and bytes, many times over one key', () => {
    for (let i = 0; i < 3; i++) {
      expect(decryptText(key, encryptText(key, `欧阳娜娜 ${i}`, 'cases.detail:c1'), 'cases.detail:c1')).toBe(
        `欧阳娜娜 ${i}`,
      );
      const bytes = randomBytes(70_000);
      expect(decryptBytes(key, encryptBytes(key, bytes, 'sha'), 'sha').equals(bytes)).toBe(true);
    }
  });

  it('refuses a blob with one byte altered, or read under another name or key', () => {
    const sealed = encryptBytes(key, randomBytes(1000), 'a');
    const altered = Buffer.from(sealed);
    altered[500] = altered[500]! ^ 1;
    expect(() => decryptBytes(key, altered, 'a')).toThrow();
    expect(() => decryptBytes(key, sealed, 'b')).toThrow();
    expect(() => decryptBytes(randomBytes(32), sealed, 'a')).toThrow();
  });

  it('refuses text moved to another row or altered', () => {
    const sealed = encryptText(key, '11010219781027232X', 'cases.detail:c1');
    expect(() => decryptText(key, sealed, 'cases.detail:c2')).toThrow();
    const raw = Buffer.from(sealed.slice(3), 'base64');
    raw[14] = raw[14]! ^ 1;
    expect(() => decryptText(key, `v1:${raw.toString('base64')}`, 'cases.detail:c1')).toThrow();
  });
});
