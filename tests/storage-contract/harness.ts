// What every subject of the contract suite works with: the store under test,
// fresh for each test, and the steps most tests begin with.
import { afterEach, beforeEach } from 'vitest';
import type { PushResult, Scope, WireEvent } from '../../shared/sync/protocol.ts';
import { SERVER_REGION } from '../support/server.ts';
import type { AppendContext, DeviceRecord, ServerStore, Verdict } from '../../server/storage/contract.ts';

export interface StoreFixture {
  store: ServerStore;
  /** Closes the store and removes what it wrote. */
  dispose(): Promise<void>;
}

export const INTAKE: Scope = { kind: 'intake', regionCode: '360430', matterIds: [] };
export const DAY = 24 * 3600_000;

export const hashOf = (n: number): string => n.toString(16).padStart(64, '0');

export interface ContractHarness {
  /** The store of the test under way. */
  readonly store: ServerStore;
  /** A device enrolled through a code of its own. */
  device(scope?: Scope, id?: string): Promise<DeviceRecord>;
  /** Allows every event: status 1, a new case from the case.received payload. */
  allow(event: WireEvent): () => Verdict;
  append(
    event: WireEvent,
    from: DeviceRecord,
    check?: (context: AppendContext) => Verdict,
    blobs?: string[],
  ): Promise<PushResult>;
}

/** Opens a fresh store before each test of the enclosing describe and disposes of it after. */
export function contractHarness(makeStore: () => Promise<StoreFixture>): ContractHarness {
  let fixture: StoreFixture | undefined;
  let codes = 0;

  beforeEach(async () => {
    fixture = await makeStore();
  });
  afterEach(async () => fixture!.dispose());

  const harness: ContractHarness = {
    get store(): ServerStore {
      if (!fixture) throw new Error('The store is open only while a test runs.');
      return fixture.store;
    },

    async device(scope = INTAKE, id = `device-${(codes += 1)}`) {
      const codeHash = hashOf(1_000_000 + codes);
      const now = new Date().toISOString();
      await harness.store.addEnrollmentCode({
        codeHash,
        scope,
        createdAt: now,
        expiresAt: new Date(Date.now() + DAY).toISOString(),
      });
      const redeemed = await harness.store.redeemEnrollmentCode(codeHash, now, {
        deviceId: id,
        name: id,
        publicKey: 'key',
        enrolledAt: now,
      });
      if (!redeemed.ok) throw new Error(redeemed.reason);
      return redeemed.device;
    },

    allow: (event) => () => ({
      ok: true,
      statusAfter: 1,
      newCase: {
        intakeRegion: '360430',
        handlingRegion: SERVER_REGION,
        matterId: (event.payload as { matterId?: string }).matterId ?? 'KST-SI-004',
      },
    }),

    append(event, from, check = harness.allow(event), blobs = []) {
      return harness.store.appendEvent(
        { event, sourceDeviceId: from.deviceId, receivedAt: new Date().toISOString(), blobs },
        check,
      );
    },
  };
  return harness;
}
