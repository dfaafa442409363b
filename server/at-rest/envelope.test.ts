import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { keyringOf } from './data-key.ts';
import { isSealed, open, rewrap, seal, SealedRecordError, sealedKeyId } from './envelope.ts';

const plain = Buffer.from('张三丰 11010219781027232X');

function refusal(work: () => unknown): string | undefined {
  try {
    work();
    return undefined;
  } catch (error) {
    return error instanceof SealedRecordError ? error.code : 'other';
  }
}

describe('envelope', () => {
  it('opens what it sealed, as the same record, and shows nothing of it', () => {
    const keyring = keyringOf([randomBytes(32)]);
    const sealed = seal(keyring, 'event:1', plain);
    expect(isSealed(sealed)).toBe(true);
    expect(sealed.includes(plain)).toBe(false);
    expect(open(keyring, 'event:1', sealed)).toEqual(plain);
    expect(seal(keyring, 'event:1', plain).equals(sealed)).toBe(false);
  });

  it('refuses another record id, any altered byte, and a key it does not hold', () => {
    const keyring = keyringOf([randomBytes(32)]);
    const sealed = seal(keyring, 'event:1', plain);
    expect(refusal(() => open(keyring, 'event:2', sealed))).toBe('tampered');
    for (const at of [6, 30, 70, 100, sealed.length - 1]) {
      const altered = Buffer.from(sealed);
      altered[at]! ^= 0x01;
      expect(
        refusal(() => open(keyring, 'event:1', altered)),
        `byte ${at}`,
      ).toBeDefined();
    }
    expect(refusal(() => open(keyringOf([randomBytes(32)]), 'event:1', sealed))).toBe('unknown_key');
    expect(refusal(() => open(keyring, 'event:1', sealed.subarray(0, 20)))).toBe('malformed');
  });

  it('rewraps under a new key without touching the ciphertext; the new key alone opens it', () => {
    const old = randomBytes(32);
    const fresh = randomBytes(32);
    const sealed = seal(keyringOf([old]), 'blob:ab', plain);
    const both = keyringOf([old, fresh]);
    const rewrapped = rewrap(both, 'blob:ab', sealed);
    expect(sealedKeyId(rewrapped)).toBe(both.current.id);
    expect(rewrapped.subarray(-plain.length).equals(sealed.subarray(-plain.length))).toBe(true);
    expect(open(keyringOf([fresh]), 'blob:ab', rewrapped)).toEqual(plain);
  });
});
