import { describe, expect, it } from 'vitest';
import { BACKOFF_BASE_MS, BACKOFF_CAP_MS, backoffMs, blobsOf } from './engine.ts';

describe('backoff', () => {
  it('doubles from the base, caps, and jitters by ±50 %', () => {
    expect([1, 2, 3, 4].map((n) => backoffMs(n, () => 0.5))).toEqual([1000, 2000, 4000, 8000]);
    expect(backoffMs(30, () => 0.5)).toBe(BACKOFF_CAP_MS);
    expect(backoffMs(1, () => 0)).toBe(BACKOFF_BASE_MS / 2);
    expect(backoffMs(1, () => 0.999)).toBeLessThan(BACKOFF_BASE_MS * 1.5);
  });
});

describe('blobsOf', () => {
  it('names the scans a materials check refers to, and nothing for other payloads', () => {
    const sha = 'a'.repeat(64);
    expect(
      blobsOf('case.materials_checked', {
        materials: [],
        scans: [{ sha256: sha, materialId: null, mediaType: 'image/png' }],
      }),
    ).toEqual([sha]);
    expect(blobsOf('case.received', { caseNo: 'x' })).toEqual([]);
    expect(blobsOf('case.result_collected', { signature: { sha256: sha, source: 'pad' } })).toEqual([sha]);
    expect(blobsOf('case.note_added', null)).toEqual([]);
  });
});
