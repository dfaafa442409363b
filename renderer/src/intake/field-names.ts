// The field a problem is about, named as the screen labels it: a matter's own
// field by its catalog label, a person's by whose it is and its label
// (申请人姓名), the handling place by its heading. One namer for every
// message, so none reads 请填写“”。
import type { TFunction } from 'i18next';
import type { SubmissionProblem } from '../../../shared/case/intake.ts';
import type { MatterNames } from './matter-names.ts';

/** A person's fields and the label each has on the applicant step. */
const PERSON_LABELS: Record<string, string> = {
  name: 'intake.name',
  idKind: 'intake.idKind',
  idNumber: 'intake.idNumber',
  phone: 'intake.phone',
  nationality: 'intake.nationality',
  address: 'intake.address',
  powerOfAttorney: 'intake.powerOfAttorney',
};
const PERSON_SECTIONS: Record<string, string> = { applicant: 'intake.applicantSection', agent: 'intake.agentSection' };

export function problemFieldName(problem: SubmissionProblem, names: MatterNames, t: TFunction): string {
  const fieldId = problem.params?.fieldId;
  if (fieldId) return names.fieldId(fieldId) ?? fieldId;
  if (problem.field === 'handlingRegion') return t('intake.routing.title');
  if (problem.field === 'talentCard.number') return t('intake.talentCard.number');
  if (problem.field === 'talentCard.issuingRegion') return t('intake.talentCard.issuer');
  const [who = '', key = ''] = problem.field.split('.');
  const section = PERSON_SECTIONS[who];
  const label = PERSON_LABELS[key];
  return section && label ? t('intake.personField', { person: t(section), field: t(label) }) : '';
}
