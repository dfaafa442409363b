// The contract on devices: enrollment codes redeemed once, devices listed,
// touched and revoked, request nonces taken once.
import { expect, it } from 'vitest';
import type { Scope } from '../../shared/sync/protocol.ts';
import { SERVER_REGION } from '../support/server.ts';
import { INTAKE, DAY, hashOf, type ContractHarness } from './harness.ts';

/** Enrollment, devices and nonces. */
export function devicesContract(h: ContractHarness): void {
  const { device } = h;

  it('redeems an enrollment code once, with the scope it was made for', async () => {
    const { store } = h;
    const scope: Scope = { kind: 'acceptance', regionCode: SERVER_REGION, matterIds: ['KST-SI-004'] };
    const now = new Date();
    await store.addEnrollmentCode({
      codeHash: hashOf(1),
      scope,
      createdAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + DAY).toISOString(),
    });
    const base = { name: 'desk', publicKey: 'key', enrolledAt: now.toISOString() };
    const first = await store.redeemEnrollmentCode(hashOf(1), now.toISOString(), { ...base, deviceId: 'a' });
    expect(first).toMatchObject({ ok: true, device: { deviceId: 'a', scope, lastSeenAt: null, revokedAt: null } });
    const second = await store.redeemEnrollmentCode(hashOf(1), now.toISOString(), { ...base, deviceId: 'b' });
    expect(second).toEqual({ ok: false, reason: 'used_code' });
    expect(await store.device('b')).toBeNull();
    expect(await store.redeemEnrollmentCode(hashOf(2), now.toISOString(), { ...base, deviceId: 'c' })).toEqual({
      ok: false,
      reason: 'unknown_code',
    });
  });

  it('refuses an expired code', async () => {
    const { store } = h;
    const past = new Date(Date.now() - 8 * DAY);
    await store.addEnrollmentCode({
      codeHash: hashOf(3),
      scope: INTAKE,
      createdAt: past.toISOString(),
      expiresAt: new Date(past.getTime() + 7 * DAY).toISOString(),
    });
    const now = new Date().toISOString();
    expect(
      await store.redeemEnrollmentCode(hashOf(3), now, { deviceId: 'x', name: 'x', publicKey: 'k', enrolledAt: now }),
    ).toEqual({ ok: false, reason: 'expired_code' });
  });

  it('lists, touches and revokes devices', async () => {
    const { store } = h;
    const a = await device();
    const b = await device({ kind: 'acceptance', regionCode: SERVER_REGION, matterIds: [] });
    expect((await store.devices()).map((d) => d.deviceId).sort()).toEqual([a.deviceId, b.deviceId].sort());
    await store.touchDevice(a.deviceId, '2026-11-22T08:00:00.000Z');
    expect((await store.device(a.deviceId))?.lastSeenAt).toBe('2026-11-22T08:00:00.000Z');
    expect(await store.revokeDevice(a.deviceId, '2026-11-22T09:00:00.000Z')).toBe(true);
    expect(await store.revokeDevice(a.deviceId, '2026-11-23T09:00:00.000Z')).toBe(true);
    expect((await store.device(a.deviceId))?.revokedAt).toBe('2026-11-22T09:00:00.000Z');
    expect(await store.revokeDevice('nobody', '2026-11-22T09:00:00.000Z')).toBe(false);
    expect((await store.device(b.deviceId))?.scope).toEqual(b.scope);
  });

  it('takes a nonce once per device until it is pruned', async () => {
    const { store } = h;
    const a = await device();
    const b = await device();
    expect(await store.useNonce(a.deviceId, 'nonce-0000000001', 1000)).toBe(true);
    expect(await store.useNonce(a.deviceId, 'nonce-0000000001', 2000)).toBe(false);
    expect(await store.useNonce(b.deviceId, 'nonce-0000000001', 2000)).toBe(true);
    await store.pruneNonces(1500);
    expect(await store.useNonce(a.deviceId, 'nonce-0000000001', 3000)).toBe(true);
    expect(await store.useNonce(b.deviceId, 'nonce-0000000001', 3000)).toBe(false);
  });

  it('admits requests together: device as it stands, nonce once, none for unknown or revoked devices', async () => {
    const { store } = h;
    const a = await device();
    const b = await device();
    const c = await device();
    await store.revokeDevice(c.deviceId, '2026-11-22T09:00:00.000Z');
    expect(await store.useNonce(a.deviceId, 'nonce-0000000001', 1000)).toBe(true);
    const results = await store.admit(
      [
        { deviceId: a.deviceId, nonce: 'nonce-0000000001', at: 2000 }, // used before
        { deviceId: a.deviceId, nonce: 'nonce-0000000002', at: 2000 },
        { deviceId: a.deviceId, nonce: 'nonce-0000000002', at: 2000 }, // twice in one list
        { deviceId: b.deviceId, nonce: 'nonce-0000000001', at: 2000 },
        { deviceId: c.deviceId, nonce: 'nonce-0000000003', at: 2000 }, // revoked
        { deviceId: 'nobody', nonce: 'nonce-0000000004', at: 2000 },
      ],
      { deviceIds: [b.deviceId], at: '2026-11-22T10:00:00.000Z' },
    );
    expect(results.map((r) => r.fresh)).toEqual([false, true, false, true, false, false]);
    expect(results.map((r) => r.device?.deviceId ?? null)).toEqual([
      a.deviceId,
      a.deviceId,
      a.deviceId,
      b.deviceId,
      c.deviceId,
      null,
    ]);
    expect(results[0]!.device).toMatchObject({ scope: a.scope, revokedAt: null });
    expect(results[4]!.device?.revokedAt).toBe('2026-11-22T09:00:00.000Z');
    expect((await store.device(b.deviceId))?.lastSeenAt).toBe('2026-11-22T10:00:00.000Z');
    expect(await store.useNonce(a.deviceId, 'nonce-0000000002', 3000)).toBe(false);
    expect(await store.admit([])).toEqual([]);
  });
}
