import { describe, expect, it } from 'vitest';
import { SEED_CATALOG } from '../../../shared/catalog/seed.ts';
import { nextUnscannedMaterial, scanGaps } from './scan-assignment.ts';
import { newWizard, withAllRequiredReceived, withMatter, type ScanState, type WizardState } from './wizard-state.ts';

const matter = SEED_CATALOG.matters.find((m) => m.id === 'KST-SI-004')!;
const received = (): WizardState => withAllRequiredReceived(withMatter(newWizard('zh-CN'), matter), matter);
const scan = (name: string, materialId: string | null): ScanState => ({
  sha256: name.padEnd(64, '0'),
  mediaType: 'image/png',
  size: 1,
  name,
  materialId,
  thumbnail: null,
});

describe('a new scan goes to the next received material without one', () => {
  it('takes the checklist order, skipping materials already scanned', () => {
    const state = received();
    expect(nextUnscannedMaterial(matter, state)).toBe('id_card');
    expect(nextUnscannedMaterial(matter, { ...state, scans: [scan('a', 'id_card')] })).toBe('contribution_certificate');
  });

  it('skips materials not received, and is unassigned once every received one has a scan', () => {
    const state = received();
    const deferred: WizardState = {
      ...state,
      materials: { ...state.materials, id_card: { ...state.materials.id_card!, outcome: 'deferred' } },
    };
    expect(nextUnscannedMaterial(matter, deferred)).toBe('contribution_certificate');
    const all = ['id_card', 'contribution_certificate', 'application_form'].map((id) => scan(id, id));
    expect(nextUnscannedMaterial(matter, { ...state, scans: all })).toBeNull();
    expect(nextUnscannedMaterial(matter, withMatter(newWizard('zh-CN'), matter))).toBeNull();
  });
});

describe('what lacks a scan is named', () => {
  it('names each required received material without a scan, and each scan without a material', () => {
    const state = { ...received(), scans: [scan('a.png', 'id_card'), scan('b.pdf', null)] };
    expect(scanGaps(matter, state)).toEqual({
      unscanned: ['contribution_certificate', 'application_form'],
      unassigned: ['b.pdf'],
    });
  });

  it('asks nothing of a material not provided, waived or deferred', () => {
    const state = withMatter(newWizard('zh-CN'), matter);
    expect(scanGaps(matter, state)).toEqual({ unscanned: [], unassigned: [] });
  });
});
