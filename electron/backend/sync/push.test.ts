import { describe, expect, it } from 'vitest';
import { blobsOf } from './push.ts';

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
