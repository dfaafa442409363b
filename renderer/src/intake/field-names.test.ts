import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import { SEED_CATALOG } from '../../../shared/catalog/seed.ts';
import { RESOURCES } from '../../../shared/i18n/index.ts';
import { LANGUAGES } from '../../../shared/languages.ts';
import { problemFieldName } from './field-names.ts';
import { matterNames } from './matter-names.ts';

const i18n = i18next.createInstance();
await i18n.init({
  resources: Object.fromEntries(LANGUAGES.map((lng) => [lng, { translation: RESOURCES[lng] }])),
  lng: 'zh-CN',
  interpolation: { escapeValue: false },
});
const matter = SEED_CATALOG.matters.find((m) => m.id === 'KST-SI-004')!;

describe('every problem names its field', () => {
  it('an empty name says whose, in each language', async () => {
    const missing = { reason: 'form_field_missing' as const, field: 'applicant.name' };
    const said = async (language: (typeof LANGUAGES)[number]): Promise<string> => {
      await i18n.changeLanguage(language);
      return i18n.t('reasons.form_field_missing', {
        field: problemFieldName(missing, matterNames(matter, language), i18n.t),
      });
    };
    expect(await said('zh-CN')).toBe('请填写“申请人姓名”。');
    expect(await said('zh-TW')).toBe('請填寫「申請人姓名」。');
    expect(await said('en')).toBe('Please fill in “Applicant: Name”.');
    await i18n.changeLanguage('zh-CN');
  });

  it('a matter field by its catalog label, an agent field and the handling place by their headings', () => {
    const names = matterNames(matter, 'zh-CN');
    const name = (field: string, params?: Record<string, string>): string =>
      problemFieldName({ reason: 'form_field_missing', field, ...(params ? { params } : {}) }, names, i18n.t);
    expect(name('formData.transfer_in_region', { fieldId: 'transfer_in_region' })).toBe(
      matter.formFields.find((f) => f.id === 'transfer_in_region')!.label['zh-CN'],
    );
    expect(name('agent.name')).toBe('代理人姓名');
    expect(name('agent.powerOfAttorney')).toBe('代理人授权委托书');
    expect(name('handlingRegion')).toBe('办理地');
  });
});
