// The one test suite of the data-access contract: every implementation
// (SQLite, PostgreSQL) runs all of it unchanged, each subject from its own module.
import { describe } from 'vitest';
import { appendContract } from './contract-suite-append.ts';
import { blobsContract } from './contract-suite-blobs.ts';
import { devicesContract } from './contract-suite-devices.ts';
import { contractHarness, type StoreFixture } from './contract-suite-harness.ts';
import { pullContract } from './contract-suite-pull.ts';
import { catalogContract, regionContract } from './contract-suite-settings.ts';

export type { StoreFixture } from './contract-suite-harness.ts';

export function storageContractSuite(name: string, makeStore: () => Promise<StoreFixture>): void {
  describe(`storage contract: ${name}`, () => {
    const harness = contractHarness(makeStore);
    regionContract(harness);
    devicesContract(harness);
    appendContract(harness);
    pullContract(harness);
    blobsContract(harness);
    catalogContract(harness);
  });
}
