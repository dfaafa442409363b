// Intake submissions as the wizard sends them: a matter drawn by how often it
// is applied for, an applicant (and 6% of the time an agent) with a valid,
// normalised identity document, the matter's form fields and a materials
// checklist that passes checkSubmission.
import { randomUUID } from 'node:crypto';
import { waiverAllowed, type IntakeSubmission, type MaterialOutcome } from '../../shared/case/intake.ts';
import { PRIVACY_NOTICE_VERSION } from '../../shared/case/privacy-notice.ts';
import { SEED_CATALOG, type FormField, type Matter } from '../../shared/catalog/index.ts';
import { validateIdentityDocument, type IdentityKind } from '../../shared/identity/validate.ts';
import { localDay } from '../../shared/local-time.ts';
import { address, chineseName, COUNTIES, id18, int, mobile, pad, pick, weighted, type Random } from './people.ts';

const MATTERS = SEED_CATALOG.matters.filter((m) => m.createsCase);
const MATTER_WEIGHTS: Record<string, number> = {
  'KST-SI-004': 22,
  'KST-SI-005': 8,
  'KST-SI-002': 14,
  'KST-SI-003': 6,
  'KST-SI-006': 10,
  'KST-EMP-001': 6,
  'KST-EMP-002': 5,
  'KST-EMP-003': 5,
  'KST-TAL-001': 3,
  'KST-TAL-002': 4,
  'KST-TAL-003': 3,
  'KST-LAB-001': 4,
  'KST-LAB-002': 2,
  'KST-HKM-001': 3,
};
/** A matter, drawn by how often each is applied for. */
export const drawMatter = weighted(MATTERS.map((m) => [m, MATTER_WEIGHTS[m.id] ?? 1] as const));
const drawLanguage = weighted<IntakeSubmission['language']>([
  ['zh-CN', 92],
  ['zh-TW', 5],
  ['en', 3],
]);
const drawIdKind = weighted<IdentityKind>([
  ['resident_id', 965],
  ['hkmo_residence_permit', 20],
  ['tw_residence_permit', 5],
  ['passport', 10],
]);

const COMPANIES = [
  '九江市鑫达建材有限公司',
  '黄梅县顺通物流有限公司',
  '深圳市华创电子科技有限公司',
  '宿松县宏远纺织厂',
];

function idNumber(rand: Random, kind: IdentityKind): string {
  switch (kind) {
    case 'hkmo_residence_permit':
      return id18(rand, pick(rand, ['810000', '820000']));
    case 'tw_residence_permit':
      return id18(rand, '830000');
    case 'passport':
      return `E${pad(int(rand, 0, 99_999_999), 8)}`;
    default:
      return id18(rand, pick(rand, COUNTIES)[0]);
  }
}

interface Person {
  name: string;
  idKind: IdentityKind;
  idNumber: string;
  phone?: string | undefined;
  address?: string | undefined;
  nationality?: string | undefined;
}

/** Passport holders' nationalities, chosen from the number so the random draws stay as they were. */
const NATIONALITIES = ['KOR', 'USA', 'JPN', 'GBR', 'DEU'];

/** A person as IntakeService.submit stores it: validated and normalised. */
function person(rand: Random, at: Date): Person {
  const idKind = drawIdKind(rand);
  const raw = idNumber(rand, idKind);
  const checked = validateIdentityDocument(idKind, raw, { today: at });
  if (!checked.ok || !checked.value) throw new Error(`generated an invalid ${idKind}: ${raw} (${checked.error})`);
  const phone = rand() < 0.92 ? mobile(rand) : undefined;
  const result: Person = {
    name: chineseName(rand),
    idKind,
    idNumber: checked.value,
    phone: phone ? validateIdentityDocument('mobile', phone).value : undefined,
  };
  if (rand() < 0.3) result.address = address(rand, pick(rand, COUNTIES)[1]);
  if (idKind === 'passport') result.nationality = NATIONALITIES[Number(checked.value.slice(-1)) % NATIONALITIES.length];
  return result;
}

function formValue(rand: Random, field: FormField, day: string): string | number {
  switch (field.type) {
    case 'select':
      return pick(rand, field.options!).value;
    case 'number':
      return int(rand, 1, 3);
    case 'date': {
      const d = new Date(`${day}T00:00:00Z`);
      d.setUTCDate(d.getUTCDate() - int(rand, 10, 400));
      return d.toISOString().slice(0, 10);
    }
    case 'textarea':
      return '用人单位拖欠工资三个月，请求支付拖欠的劳动报酬及经济补偿金。';
  }
  if (field.id.endsWith('_region') || field.id === 'issuing_province') return pick(rand, COUNTIES)[1];
  if (field.id === 'respondent_name' || field.id === 'last_employer') return pick(rand, COMPANIES);
  if (field.id === 'respondent_address') return address(rand, pick(rand, COUNTIES)[1]);
  if (field.id === 'title_name') return pick(rand, ['工程师', '会计师', '主治医师', '一级教师']);
  return pad(int(rand, 0, 999_999_999), 9) + pad(int(rand, 0, 999), 3);
}

function materialOutcomes(
  rand: Random,
  matter: Matter,
  withAgent: boolean,
  formData: IntakeSubmission['formData'],
  day: string,
): MaterialOutcome[] {
  const outcomes: MaterialOutcome[] = [];
  for (const m of matter.materials) {
    const agentMaterial = m.id === 'power_of_attorney' || m.id === 'agent_id';
    if (m.requirement === 'conditional' && (agentMaterial ? !withAgent : rand() < 0.7)) continue;
    if (m.requirement === 'optional' && rand() < 0.5) continue;
    if (waiverAllowed(m, formData) && rand() < 0.2) {
      outcomes.push({ materialId: m.id, outcome: 'waived', verificationRef: `ZC${pad(int(rand, 0, 99_999_999), 8)}` });
    } else if (m.deferrable && rand() < 0.1) {
      // 容缺: promised within a few days to a month of intake.
      const due = new Date(`${day}T00:00:00Z`);
      due.setUTCDate(due.getUTCDate() + int(rand, 3, 30));
      outcomes.push({ materialId: m.id, outcome: 'deferred', dueDate: due.toISOString().slice(0, 10) });
    } else {
      const both = m.acceptedForms.includes('original_checked') && m.acceptedForms.includes('copy_kept');
      outcomes.push({
        materialId: m.id,
        outcome: 'received',
        forms: both ? ['original_checked', 'copy_kept'] : [pick(rand, m.acceptedForms)],
        pages: int(rand, 1, 6),
      });
    }
  }
  return outcomes;
}

/** A valid submission for a matter, as the intake wizard would send it. */
export function makeSubmission(rand: Random, matter: Matter, at: Date): IntakeSubmission {
  const day = localDay(at);
  const withAgent = matter.agentAllowed && rand() < 0.06;
  const formData: Record<string, string | number> = {};
  for (const field of matter.formFields) {
    if (field.required || rand() < 0.6) formData[field.id] = formValue(rand, field, day);
  }
  // A priority intake is one of a talent green card holder: it carries the card.
  const priority = rand() < 0.01;
  return {
    submissionId: randomUUID(),
    matterId: matter.id,
    applicant: person(rand, at),
    agent: withAgent ? { ...person(rand, at), powerOfAttorney: 'original_kept' } : null,
    priority,
    ...(priority ? { talentCard: { number: `HG${int(rand, 10_000_000, 99_999_999)}`, issuingRegion: '110105' } } : {}),
    materials: materialOutcomes(rand, matter, withAgent, formData, day),
    scans: [],
    formData,
    language: drawLanguage(rand),
    // Every generated case goes to the one partner region, also where the clerk chooses it.
    handlingRegion: matter.handlingRegion,
    privacyNotice: { version: PRIVACY_NOTICE_VERSION, acknowledgedAt: at.toISOString() },
  };
}
