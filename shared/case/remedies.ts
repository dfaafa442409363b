// Whether a refusal tells the applicant the remedies the law gives for its
// matter (declared in the catalog): every one of them, nothing else, each with
// the period as the law states it. A notice with a wrong remedy misleads the
// applicant who relies on it, so the device refuses such a refusal.
import type { MatterRemedy, RemedyKind, RemedyPeriod } from '../catalog/schema.ts';
import { remedyPeriod, type Remedy } from './events.ts';

export type RemedyProblem =
  /** The law gives this remedy and the refusal leaves it out. */
  | 'remedy_missing'
  /** The refusal offers a remedy the law does not give for this matter. */
  | 'remedy_not_given'
  /** The period differs from the law's, in value or in unit (180 日 is not 六个月). */
  | 'remedy_period_wrong'
  /** The same remedy twice. */
  | 'remedy_repeated';

export type RemedyCheck = { ok: true } | { ok: false; problem: RemedyProblem; kind: RemedyKind };

const samePeriod = (a: RemedyPeriod | null, b: RemedyPeriod | undefined): boolean =>
  a === null ? b === undefined : b !== undefined && a.value === b.value && a.unit === b.unit;

export function checkRemedies(given: readonly Remedy[], law: readonly MatterRemedy[]): RemedyCheck {
  for (const [index, remedy] of given.entries()) {
    if (given.findIndex((r) => r.kind === remedy.kind) !== index)
      return { ok: false, problem: 'remedy_repeated', kind: remedy.kind };
    const due = law.find((r) => r.kind === remedy.kind);
    if (!due) return { ok: false, problem: 'remedy_not_given', kind: remedy.kind };
    if (!samePeriod(remedyPeriod(remedy), due.period))
      return { ok: false, problem: 'remedy_period_wrong', kind: remedy.kind };
  }
  const missing = law.find((r) => !given.some((g) => g.kind === r.kind));
  return missing ? { ok: false, problem: 'remedy_missing', kind: missing.kind } : { ok: true };
}
