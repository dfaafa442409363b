// What a field of the applicant's screen is called, on the applicant's page
// and in the clerk's message when the applicant says it is wrong; and where
// in the clerk's wizard it is entered.
import type { TFunction } from 'i18next';
import type { Step } from '../intake/wizard-state.ts';

const PERSON_LABELS: Record<string, string> = {
  name: 'intake.name',
  idNumber: 'intake.idNumber',
  phone: 'intake.phone',
  address: 'intake.address',
};
const PERSON_SECTIONS: Record<string, string> = { applicant: 'intake.applicantSection', agent: 'intake.agentSection' };

/** The field's label; a material by its name, which the caller knows. */
export function fieldLabel(field: string, t: TFunction, materialName: (id: string) => string): string {
  if (field === 'matter') return t('applicantScreen.clerk.matterField');
  if (field === 'delivery') return t('applicantScreen.clerk.deliveryField');
  if (field.startsWith('materials.')) return materialName(field.slice('materials.'.length));
  const [who = '', key = ''] = field.split('.');
  return t('intake.personField', { person: t(PERSON_SECTIONS[who] ?? ''), field: t(PERSON_LABELS[key] ?? '') });
}

/** The wizard's step a field is entered on. */
export function fieldStep(field: string): Step {
  if (field === 'matter') return 'matter';
  if (field.startsWith('materials.')) return 'materials';
  return 'applicant';
}

const PERSON_TEST_IDS: Record<string, string> = {
  name: 'name',
  idNumber: 'id-number',
  phone: 'phone',
  address: 'address',
};

/** The control of the wizard to focus for a field, found in the wizard's area. */
export function fieldControl(area: HTMLElement, field: string): HTMLElement | null {
  if (field === 'matter') return area.querySelector('[data-testid="matter-search"]');
  if (field === 'delivery') return area.querySelector('[data-testid="delivery-method"] input');
  if (field.startsWith('materials.')) {
    const row = area.querySelector(`[data-row-key="${CSS.escape(field.slice('materials.'.length))}"]`);
    return row?.querySelector('input[type="radio"]:checked') ?? row?.querySelector('input[type="radio"]') ?? null;
  }
  const [who = '', key = ''] = field.split('.');
  return area.querySelector(`[data-testid="${who}-${PERSON_TEST_IDS[key] ?? key}"]`);
}
