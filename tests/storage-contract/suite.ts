// The one test suite of the data-access contract: every implementation
// (SQLite, PostgreSQL) runs all of it unchanged, each subject from its own module.
import { describe } from 'vitest';
import { appendContract } from './append.ts';
import { blobsContract } from './blobs.ts';
import { devicesContract } from './devices.ts';
import { contractHarness, type StoreFixture } from './harness.ts';
import { positionsContract } from './positions.ts';
import { pullContract } from './pull.ts';
import { catalogContract, regionContract } from './settings.ts';

export type { StoreFixture } from './harness.ts';

export function storageContractSuite(name: string, makeStore: () => Promise<StoreFixture>): void {
  describe(`storage contract: ${name}`, () => {
    const harness = contractHarness(makeStore);
    regionContract(harness);
    devicesContract(harness);
    appendContract(harness);
    pullContract(harness);
    blobsContract(harness);
    catalogContract(harness);
    positionsContract(harness);
  });
}
