// Which material a scan shows. A new scan goes to the next received material
// without one, in the checklist's order, so a clerk scanning the papers in the
// order they were checked assigns nothing by hand. The app does not require a
// scan for every material (a paper original may be received and kept), so
// what lacks a scan is a warning, not a refusal.
import type { Matter } from '../../../shared/catalog/schema.ts';
import type { WizardState } from './wizard-state.ts';

/** The first received material in the matter's order that no scan is assigned to yet; null when none is left. */
export function nextUnscannedMaterial(matter: Matter, state: WizardState): string | null {
  const scanned = new Set(state.scans.map((s) => s.materialId));
  return matter.materials.find((m) => state.materials[m.id]?.outcome === 'received' && !scanned.has(m.id))?.id ?? null;
}

export interface ScanGaps {
  /** Required materials received (not waived or deferred) with no scan assigned. */
  unscanned: string[];
  /** File names of the scans assigned to no material. */
  unassigned: string[];
}

export function scanGaps(matter: Matter, state: WizardState): ScanGaps {
  const scanned = new Set(state.scans.map((s) => s.materialId));
  return {
    unscanned: matter.materials
      .filter((m) => m.requirement === 'required' && state.materials[m.id]?.outcome === 'received')
      .filter((m) => !scanned.has(m.id))
      .map((m) => m.id),
    unassigned: state.scans.filter((s) => s.materialId === null).map((s) => s.name),
  };
}
