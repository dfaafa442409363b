// The intake wizard's state: what the clerk has entered so far. It is saved as
// a draft (encrypted by the backend) on every change, so it survives a restart.
import type { MATERIAL_FORMS, Matter } from '../../../shared/catalog/schema.ts';
import { deliveryOffered, postalAddressOf, type Delivery, type DeliveryMethod } from '../../../shared/case/delivery.ts';
import { checkSubmission, type IntakeSubmission, type SubmissionProblem } from '../../../shared/case/intake.ts';
import type { IdentityKind } from '../../../shared/identity/validate.ts';
import type { Language } from '../../../shared/languages.ts';
import { identitySourceOf, type ChipReadState } from './id-card-state.ts';
import { queuePrivacySubmission, type QueuePrivacyState } from './queue-privacy-state.ts';

export type MaterialForm = (typeof MATERIAL_FORMS)[number];
export type Outcome = 'received' | 'waived' | 'deferred' | 'not_provided';

export interface PersonState {
  name: string;
  idKind: IdentityKind;
  idNumber: string;
  phone: string;
  address: string;
  /** ISO 3166-1 alpha-3, asked with a passport; absent from drafts saved before it was. */
  nationality?: string;
}

export interface MaterialState {
  outcome: Outcome;
  forms: MaterialForm[];
  verificationRef: string;
  /** 容缺: the day the applicant promises to bring the material by; absent from drafts saved before it was asked. */
  dueDate?: string;
}

export interface ScanState {
  sha256: string;
  mediaType: string;
  size: number;
  name: string;
  materialId: string | null;
  thumbnail: string | null; // base64, for the screen only
}

export const STEPS = ['matter', 'applicant', 'materials', 'scans', 'review'] as const;
export type Step = (typeof STEPS)[number];

export interface WizardState extends QueuePrivacyState {
  draftId: string;
  step: Step;
  matterId: string | null;
  applicant: PersonState;
  hasAgent: boolean;
  agent: PersonState & { powerOfAttorney: MaterialForm | null };
  priority: boolean;
  /** 人才绿卡: its number as typed and the issuing region chosen; absent in older drafts. */
  talentCard?: { number: string; issuingRegion: string | null };
  formData: Record<string, string>;
  materials: Record<string, MaterialState>;
  scans: ScanState[];
  language: Language;
  /** The applicant's region chosen where the matter's handling place follows the applicant; absent in older drafts. */
  handlingRegion?: string | null;
  /** How the result reaches the applicant; absent in drafts saved before it was asked. */
  delivery?: DeliveryState;
  /** The applicant's ID card as read from its chip; absent when typed (id-card-state.ts). */
  chipRead?: ChipReadState | null;
}

/** The delivery as the clerk fills it in: a post address's county (GB/T 2260), street and phone. */
export interface DeliveryState {
  method: DeliveryMethod;
  county: string | null;
  street: string;
  phone: string;
}

/** Collecting at this window where the matter offers it, as most applicants do; else at the handling place. */
export function defaultDelivery(matter: Matter): DeliveryState {
  const method = deliveryOffered('intake_window', matter.resultDelivery) ? 'intake_window' : 'handling_place';
  return { method, county: null, street: '', phone: '' };
}

function deliveryOf(state: DeliveryState): Delivery {
  if (state.method !== 'post') return { method: state.method };
  return {
    method: 'post',
    address: postalAddressOf(state.county ?? '', state.street.trim()),
    phone: state.phone.trim(),
  };
}

const emptyPerson = (): PersonState => ({ name: '', idKind: 'resident_id', idNumber: '', phone: '', address: '' });

export function newWizard(language: Language): WizardState {
  return {
    draftId: crypto.randomUUID(),
    step: 'matter',
    matterId: null,
    applicant: emptyPerson(),
    hasAgent: false,
    agent: { ...emptyPerson(), powerOfAttorney: null },
    priority: false,
    formData: {},
    materials: {},
    scans: [],
    language,
    handlingRegion: null,
  };
}

/** Every material of the matter starts as not provided, its expected forms ticked. */
export function materialsFor(matter: Matter): Record<string, MaterialState> {
  return Object.fromEntries(
    matter.materials.map((m) => [m.id, { outcome: 'not_provided', forms: [...m.acceptedForms], verificationRef: '' }]),
  );
}

const trimmed = (v: string): string | undefined => (v.trim() === '' ? undefined : v.trim());

export function toSubmission(state: WizardState): IntakeSubmission {
  const person = (p: PersonState) => ({
    name: p.name.trim(),
    idKind: p.idKind,
    idNumber: p.idNumber.trim(),
    phone: trimmed(p.phone),
    address: trimmed(p.address),
    nationality: p.idKind === 'passport' ? trimmed(p.nationality ?? '') : undefined,
  });
  return {
    submissionId: state.draftId,
    matterId: state.matterId ?? '',
    applicant: person(state.applicant),
    agent: state.hasAgent ? { ...person(state.agent), powerOfAttorney: state.agent.powerOfAttorney } : null,
    // Priority rests on the card: a number typed is a card to check, and nothing typed is no priority.
    priority: (state.talentCard?.number.trim() ?? '') !== '',
    talentCard:
      (state.talentCard?.number.trim() ?? '') === ''
        ? null
        : { number: state.talentCard!.number.trim(), issuingRegion: state.talentCard!.issuingRegion ?? '' },
    materials: Object.entries(state.materials).map(([materialId, m]) => {
      switch (m.outcome) {
        case 'received':
          return { materialId, outcome: 'received', forms: m.forms };
        case 'waived':
          return { materialId, outcome: 'waived', verificationRef: m.verificationRef.trim() };
        case 'deferred':
          return { materialId, outcome: 'deferred', dueDate: trimmed(m.dueDate ?? '') };
        default:
          return { materialId, outcome: m.outcome };
      }
    }),
    scans: state.scans.map((s) => ({ sha256: s.sha256, materialId: s.materialId })),
    formData: Object.fromEntries(Object.entries(state.formData).filter(([, v]) => v.trim() !== '')),
    language: state.language,
    ...(state.handlingRegion ? { handlingRegion: state.handlingRegion } : {}),
    ...queuePrivacySubmission(state),
    ...(state.delivery ? { delivery: deliveryOf(state.delivery) } : {}),
    identitySource: identitySourceOf(state),
  };
}

/** The same rules the backend applies, run before a step may be left. */
export function problemsOf(matter: Matter | undefined, state: WizardState): SubmissionProblem[] {
  if (!matter) return [];
  return checkSubmission(matter, toSubmission(state));
}

export const STEP_FIELDS: Record<Step, (field: string) => boolean> = {
  matter: (f) => f === 'matterId',
  applicant: (f) =>
    f.startsWith('applicant') ||
    f.startsWith('agent') ||
    f.startsWith('formData') ||
    f === 'handlingRegion' ||
    f.startsWith('delivery') ||
    f.startsWith('talentCard') ||
    f.startsWith('identitySource'),
  materials: (f) => f.startsWith('materials'),
  scans: () => false,
  review: () => true,
};

/** What every step of the wizard is given. */
export interface StepProps {
  matter: Matter;
  state: WizardState;
  update(change: (draft: WizardState) => WizardState): void;
}

/** The matter chosen: its materials, fields and handling place start afresh unless it is the one already chosen. */
export function withMatter(state: WizardState, chosen: Matter): WizardState {
  return {
    ...state,
    matterId: chosen.id,
    materials: state.matterId === chosen.id ? state.materials : materialsFor(chosen),
    formData: state.matterId === chosen.id ? state.formData : {},
    handlingRegion: state.matterId === chosen.id ? state.handlingRegion : null,
    delivery: state.matterId === chosen.id && state.delivery ? state.delivery : defaultDelivery(chosen),
    hasAgent: chosen.agentAllowed && state.hasAgent,
    step: 'applicant',
  };
}

/** Every required material not yet provided marked received (Alt+R). */
export function withAllRequiredReceived(state: WizardState, matter: Matter): WizardState {
  return {
    ...state,
    materials: Object.fromEntries(
      Object.entries(state.materials).map(([id, m]) => {
        const required = matter.materials.find((x) => x.id === id)?.requirement === 'required';
        return [id, required && m.outcome === 'not_provided' ? { ...m, outcome: 'received' as const } : m];
      }),
    ),
  };
}
