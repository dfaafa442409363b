import { describe, expect, it } from 'vitest';
import {
  migrate,
  migrateAsync,
  type AsyncSchemaStore,
  type Migration,
  type MigrationOutcome,
  type SchemaStore,
} from './migrate.ts';

const STEPS: Migration[] = [1, 2, 3].map((version) => ({ version, name: `step ${version}` }));

interface Script {
  /** The versions the store reports, one per call: before the transaction, then inside it. */
  versions: number[];
  failAt?: number;
}

/** A store that writes down every call the runner makes, in order. */
function recording(script: Script): { calls: string[]; store: SchemaStore<Migration> } {
  const calls: string[] = [];
  const versions = [...script.versions];
  const store: SchemaStore<Migration> = {
    version: () => (calls.push('version'), versions.shift()!),
    begin: (plan) => void calls.push(`begin ${plan.from}→${plan.to}`),
    apply(migration) {
      calls.push(`apply ${migration.version}`);
      if (migration.version === script.failAt) throw new Error('broken step');
    },
    commit: (plan) => void calls.push(`commit ${plan.to}`),
    rollback: () => void calls.push('rollback'),
    end: () => void calls.push('end'),
    fromFuture: (found, supported) => new Error(`from the future: ${found} > ${supported}`),
    failed: (migration, cause) => new Error(`step ${migration.version} failed`, { cause }),
  };
  return { calls, store };
}

/** The same store answering with promises, as PostgreSQL's does. */
function promised(store: SchemaStore<Migration>): AsyncSchemaStore<Migration> {
  return {
    version: async () => store.version(),
    begin: async (plan) => store.begin(plan),
    apply: async (migration) => store.apply(migration),
    commit: async (plan) => store.commit(plan),
    rollback: async () => store.rollback(),
    end: async (plan) => store.end(plan),
    fromFuture: store.fromFuture,
    failed: store.failed,
  };
}

type Run = { calls: string[]; outcome?: MigrationOutcome; error?: Error };

async function runBoth(script: Script): Promise<[Run, Run]> {
  const sync = recording(script);
  const async = recording(script);
  const runs: [Run, Run] = [{ calls: sync.calls }, { calls: async.calls }];
  try {
    runs[0].outcome = migrate(sync.store, STEPS);
  } catch (error) {
    runs[0].error = error as Error;
  }
  try {
    runs[1].outcome = await migrateAsync(promised(async.store), STEPS);
  } catch (error) {
    runs[1].error = error as Error;
  }
  return runs;
}

describe('the migration runner, at once and with promises', () => {
  it('runs the pending steps in one transaction and records the new version', async () => {
    for (const run of await runBoth({ versions: [1, 1] })) {
      expect(run.outcome).toEqual({ from: 1, to: 3 });
      expect(run.calls).toEqual(['version', 'begin 1→3', 'version', 'apply 2', 'apply 3', 'commit 3', 'end']);
    }
  });

  it('opens no transaction when the store is up to date', async () => {
    for (const run of await runBoth({ versions: [3] })) {
      expect(run.outcome).toEqual({ from: 3, to: 3 });
      expect(run.calls).toEqual(['version']);
    }
  });

  it('refuses a store from a newer version before anything else', async () => {
    for (const run of await runBoth({ versions: [4] })) {
      expect(run.error?.message).toBe('from the future: 4 > 3');
      expect(run.calls).toEqual(['version']);
    }
  });

  it('rolls back on a failing step and names it, with the cause', async () => {
    for (const run of await runBoth({ versions: [0, 0], failAt: 2 })) {
      expect(run.error?.message).toBe('step 2 failed');
      expect((run.error?.cause as Error).message).toBe('broken step');
      expect(run.calls).toEqual(['version', 'begin 0→3', 'version', 'apply 1', 'apply 2', 'rollback', 'end']);
    }
  });

  it('runs only what is still pending once the transaction holds its lock', async () => {
    // Another server migrated to 3 while this one waited.
    for (const run of await runBoth({ versions: [1, 3] })) {
      expect(run.calls).toEqual(['version', 'begin 1→3', 'version', 'commit 3', 'end']);
    }
    // …or a newer server did: nothing is written.
    for (const run of await runBoth({ versions: [1, 4] })) {
      expect(run.error?.message).toBe('from the future: 4 > 3');
      expect(run.calls).toEqual(['version', 'begin 1→3', 'version', 'rollback', 'end']);
    }
  });

  it('makes the same calls in both forms', async () => {
    for (const script of [{ versions: [0, 0] }, { versions: [2, 2], failAt: 3 }, { versions: [0, 2] }]) {
      const [sync, async] = await runBoth(script);
      expect(async.calls).toEqual(sync.calls);
      expect(async.outcome).toEqual(sync.outcome);
      expect(async.error?.message).toEqual(sync.error?.message);
    }
  });
});
