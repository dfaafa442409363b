// Every migration here may have run on an exchange server, which never runs
// it again: each file stays byte for byte as it landed (checksums.json).
import { describe, expect, it } from 'vitest';
import { landedMigrationProblems } from '../../../shared-node/landed-migrations.ts';

describe('the server’s landed migrations', () => {
  it('are as they landed, each with its checksum', () => {
    expect(landedMigrationProblems(import.meta.dirname, ['sqlite', 'postgres'])).toEqual([]);
  });
});
