import { describe, expect, it } from 'vitest';
import type { Matter } from './schema.ts';
import { SEED_CATALOG } from './seed.ts';
import { fieldMasks, maskFormData } from './sensitive.ts';

const seedMatter = (id: string): Matter => SEED_CATALOG.matters.find((m) => m.id === id)!;

describe('fieldMasks', () => {
  it('masks the fields the catalog marks and nothing else', () => {
    const masks = fieldMasks('KST-EMP-003', seedMatter('KST-EMP-003'));
    expect(masks('bank_account_no')).toBe('bank_account');
    expect(masks('last_employer')).toBeNull();
  });

  it('keeps the seed’s marks when a catalog published without them replaces it', () => {
    const unmarked: Matter = {
      ...seedMatter('KST-EMP-003'),
      formFields: seedMatter('KST-EMP-003').formFields.map(({ sensitive: _, ...field }) => field),
    };
    expect(fieldMasks('KST-EMP-003', unmarked)('bank_account_no')).toBe('bank_account');
  });

  it('masks every field of a matter this device does not know', () => {
    expect(fieldMasks('KST-GONE-001', null)('anything')).not.toBeNull();
  });
});

describe('maskFormData', () => {
  it('masks the sensitive values and names their fields', () => {
    const masks = fieldMasks('KST-EMP-003', seedMatter('KST-EMP-003'));
    expect(maskFormData({ last_employer: '黄梅县某公司', bank_account_no: '6222021234567890123' }, masks)).toEqual({
      formData: { last_employer: '黄梅县某公司', bank_account_no: '622202*********0123' },
      sensitiveFields: ['bank_account_no'],
    });
  });
});
