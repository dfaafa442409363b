// The building blocks of the seed catalog's matters, shared by the files that
// declare them: localized text, materials and fields with their defaults, the
// agent's papers, the identity documents, the administrative remedies.
import type { FormField, LocalizedText, Material, MatterRemedy } from './schema.ts';

export const HUANGMEI = '421127';

export function t(zhCN: string, zhTW: string, en: string): LocalizedText {
  return { 'zh-CN': zhCN, 'zh-TW': zhTW, en };
}

export function material(
  id: string,
  names: LocalizedText,
  acceptedForms: Material['acceptedForms'],
  extra: Partial<Material> = {},
): Material {
  return {
    id,
    names,
    requirement: 'required',
    acceptedForms,
    deferrable: false,
    waivableByOnlineVerification: false,
    originalMustBeMailed: false,
    ...extra,
  };
}

export function field(
  id: string,
  label: LocalizedText,
  type: FormField['type'],
  required: boolean,
  extra: Partial<FormField> = {},
): FormField {
  return { id, label, type, required, ...extra };
}

const WHEN_AGENT = t('代理人代为申请时', '代理人代為申請時', 'When an agent applies');

/** 委托书 and the agent's ID, for matters an agent may apply for. */
export function agentMaterials(powerOfAttorneyMailed = false): Material[] {
  return [
    material('power_of_attorney', t('授权委托书', '授權委託書', 'Power of attorney'), ['original_kept'], {
      requirement: 'conditional',
      condition: WHEN_AGENT,
      originalMustBeMailed: powerOfAttorneyMailed,
    }),
    material(
      'agent_id',
      t('代理人身份证件', '代理人身份證件', "Agent's identity document"),
      ['original_checked', 'copy_kept'],
      { requirement: 'conditional', condition: WHEN_AGENT },
    ),
  ];
}

export const ID_CARD = t('居民身份证', '居民身份證', 'Resident identity card');
export const ID_OR_SSC = t(
  '居民身份证或社会保障卡',
  '居民身份證或社會保障卡',
  'Resident identity card or social security card',
);

export function regionField(id: string, label: LocalizedText): FormField {
  return field(id, label, 'text', true, { maxLength: 60 });
}

/** 行政复议 within 60 days (行政复议法 art. 20), or 行政诉讼 within six months (行政诉讼法 art. 46). */
export const ADMINISTRATIVE_LICENSING_REMEDIES: MatterRemedy[] = [
  { kind: 'administrative_reconsideration', period: { value: 60, unit: 'days' } },
  { kind: 'administrative_litigation', period: { value: 6, unit: 'months' } },
];
