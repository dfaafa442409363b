// What of the wizard's state the applicant's screen shows, sent as typed: the
// backend masks it before the applicant's page sees it.
import type { ApplicantContent } from '../../../shared/rpc/methods/applicant-screen.ts';
import type { PersonState, WizardState } from '../intake/wizard-state.ts';

const person = (p: PersonState): ApplicantContent['applicant'] => ({
  name: p.name,
  idKind: p.idKind,
  idNumber: p.idNumber,
  phone: p.phone,
  address: p.address,
});

export function applicantContent(state: WizardState): ApplicantContent {
  return {
    matterId: state.matterId,
    language: state.language,
    handlingRegion: state.handlingRegion ?? null,
    applicant: person(state.applicant),
    agent: state.hasAgent ? person(state.agent) : null,
    materials: Object.entries(state.materials).map(([materialId, m]) => ({
      materialId,
      outcome: m.outcome,
      ...(m.outcome === 'deferred' && m.dueDate ? { dueDate: m.dueDate } : {}),
    })),
    delivery: state.delivery?.method ?? null,
  };
}
