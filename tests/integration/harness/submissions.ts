// Valid intakes of the seed matters, with applicants whose ID numbers carry
// the right check character.
import type { Matter } from '../../../shared/catalog/index.ts';
import type { MethodInput } from '../../../shared/rpc/contract.ts';
import { intakeWithAllMaterials, seedMatter } from '../../../bench/support/exchange-samples.ts';

/** The ISO 7064 MOD 11-2 check character of an 18-character resident ID. */
export function residentIdCheck(body17: string): string {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = weights.reduce((acc, w, i) => acc + Number(body17[i]) * w, 0);
  return '10X98765432'[sum % 11]!;
}

/** A resident ID with a correct check character: 6-digit region, YYYYMMDD, 3-digit sequence. */
export function residentId(region: string, birth: string, sequence: string): string {
  const body = `${region}${birth}${sequence}`;
  return body + residentIdCheck(body);
}

export const APPLICANT = {
  name: '张三',
  idKind: 'resident_id' as const,
  idNumber: '11010219781027232X',
  phone: '13812348000',
};

export const AGENT = {
  name: '李四',
  idKind: 'resident_id' as const,
  idNumber: residentId('420102', '19850315', '451'),
  phone: '13987651234',
};

export type Submission = MethodInput<'intake.submit'>;

export { seedMatter };

function sampleFieldValue(field: Matter['formFields'][number]): string | number {
  switch (field.type) {
    case 'number':
      return 1;
    case 'date':
      return '2025-06-30';
    case 'select':
      return field.options![0]!.value;
    default:
      return '湖北省黄冈市黄梅县';
  }
}

/**
 * An intake of a seed matter that meets every rule of the seed catalog: every
 * required material received in all its accepted forms, every required form
 * field filled; where the handling place follows the applicant, Huangmei
 * (421127). Overrides replace whole top-level fields.
 */
export function seedIntake(matterId: string, overrides: Partial<Submission> = {}): Submission {
  const matter = seedMatter(matterId);
  return intakeWithAllMaterials(matter, APPLICANT, {
    scans: [],
    formData: Object.fromEntries(matter.formFields.filter((f) => f.required).map((f) => [f.id, sampleFieldValue(f)])),
    language: 'zh-CN',
    ...(matter.handlingRegionFrom ? { handlingRegion: '421127' } : {}),
    ...overrides,
  });
}

/** A KST-SI-004 (pension transfer) intake; its 转入地 is Huangmei, as in its form data. */
export function pensionTransfer(overrides: Partial<Submission> = {}): Submission {
  return seedIntake('KST-SI-004', overrides);
}
