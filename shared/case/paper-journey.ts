// Where the paper of a case is (纸质材料流转): the originals that must travel to
// the handling place, and the printed result on its way to the applicant. Read
// from the case's events, so both places and every screen say the same.
import type { Material } from '../catalog/schema.ts';
import type { DeliveryMethod } from './delivery.ts';
import type { MaterialOutcome } from './intake.ts';

/** The materials received at intake whose originals the matter sends to the handling place. */
export function originalsToTravel(
  catalogMaterials: readonly Pick<Material, 'id' | 'originalMustBeMailed'>[],
  outcomes: readonly MaterialOutcome[],
): string[] {
  const mailed = new Set(catalogMaterials.filter((m) => m.originalMustBeMailed).map((m) => m.id));
  return outcomes.filter((o) => o.outcome === 'received' && mailed.has(o.materialId)).map((o) => o.materialId);
}

export const PAPER_EVENTS = [
  'case.originals_dispatched',
  'case.signed_for',
  'case.result_mailed',
  'case.result_delivered_electronically',
  'case.result_arrived',
  'case.result_collected',
] as const;
export type PaperEvent = (typeof PAPER_EVENTS)[number];

export interface PaperStep {
  type: PaperEvent;
  at: string;
  carrier: string | null;
  waybillNo: string | null;
  to: 'applicant' | 'intake_window' | null;
}

interface Entry {
  type: string;
  occurredAt: string;
  details: Record<string, unknown>;
}

const isPaperEvent = (type: string): type is PaperEvent => (PAPER_EVENTS as readonly string[]).includes(type);
const text = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null);

/** The steps the paper took, in order: a signature for the electronic materials moves no paper and is left out. */
export function paperSteps(timeline: readonly Entry[]): PaperStep[] {
  return timeline
    .filter((e) => isPaperEvent(e.type) && (e.type !== 'case.signed_for' || e.details.part === 'originals'))
    .map((e) => ({
      type: e.type as PaperEvent,
      at: e.occurredAt,
      carrier: text(e.details.carrier),
      waybillNo: text(e.details.waybillNo),
      to: e.details.to === 'applicant' || e.details.to === 'intake_window' ? e.details.to : null,
    }));
}

export type OriginalsWhere = 'not_needed' | 'to_dispatch' | 'in_transit' | 'signed_for';
export type ResultWhere =
  | 'not_yet'
  | 'to_post'
  | 'at_handling_place'
  | 'in_transit_to_applicant'
  | 'in_transit_to_window'
  | 'at_window'
  | 'collected'
  | 'delivered_electronically';

/** Where each paper is now, from its steps, what the matter sends, whether a result exists and how it is delivered. */
export function paperWhere(input: {
  steps: readonly PaperStep[];
  originalsNeeded: boolean;
  concluded: boolean;
  delivery: DeliveryMethod | null;
}): { originals: OriginalsWhere; result: ResultWhere } {
  const has = (type: PaperEvent): boolean => input.steps.some((s) => s.type === type);
  const originals: OriginalsWhere = has('case.signed_for')
    ? 'signed_for'
    : has('case.originals_dispatched')
      ? 'in_transit'
      : input.originalsNeeded
        ? 'to_dispatch'
        : 'not_needed';
  const mailed = input.steps.findLast((s) => s.type === 'case.result_mailed');
  const result: ResultWhere = has('case.result_collected')
    ? 'collected'
    : has('case.result_delivered_electronically')
      ? 'delivered_electronically'
      : has('case.result_arrived')
        ? 'at_window'
        : mailed
          ? mailed.to === 'applicant'
            ? 'in_transit_to_applicant'
            : 'in_transit_to_window'
          : !input.concluded
            ? 'not_yet'
            : input.delivery === 'post'
              ? 'to_post'
              : 'at_handling_place';
  return { originals, result };
}
