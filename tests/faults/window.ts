// What a fault schedule does at an intake window (a DeviceProcess), shared by
// the schedules against one server and those against two instances: take a
// case in as a clerk does, and wait for the window's sync to settle.
import { randomBytes, randomInt, randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { makePng, pensionTransfer } from '../integration/harness.ts';
import { deviceSyncState, settled, type DeviceSyncState } from './invariants.ts';
import type { DeviceProcess } from './processes.ts';
import type { ScanKind } from './schedule.ts';

/** How long a window may take to settle once the faults are off and every server is up. */
export const SETTLE_MS = 30_000;
/** How long nothing may change while settling before "sync now" is pressed (the engine may be backing off). */
const NUDGE_MS = 300;

/** An integer setting from the environment, `fallback` when unset. */
export function envInteger(name: string, fallback: number, max: number): number {
  const text = process.env[name];
  if (text === undefined || text === '') return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < 0 || value > max) throw new Error(`${name} must be an integer 0–${max}.`);
  return value;
}

/** A call that failed only because the backend was killed under it; anything else fails the schedule. */
export function expectKilled(error: { code: string; message: string }): void {
  if (error.code !== 'BACKEND_UNAVAILABLE') throw new Error(`the device refused: ${error.code} ${error.message}`);
}

/** A case as a clerk takes it in; given up quietly when the backend is killed under it. What got through. */
export async function submitCase(
  device: DeviceProcess,
  scan: ScanKind,
): Promise<{ scanned: boolean; submitted: boolean }> {
  const gaveUp = (error: { code: string; message: string }, scanned: boolean) => {
    expectKilled(error);
    return { scanned, submitted: false };
  };
  const scans: { sha256: string; materialId: string }[] = [];
  if (scan !== 'none') {
    const bytes =
      scan === 'small'
        ? makePng(randomUUID())
        : // Larger than one blob chunk (1 MiB), so an upload can be cut between chunks and resumed.
          Buffer.concat([Buffer.from('%PDF-1.4\n'), randomBytes(randomInt(1_100_000, 1_600_000))]);
    const mediaType = scan === 'small' ? 'image/png' : 'application/pdf';
    const begun = await device.call('scans.begin', { mediaType, size: bytes.length });
    if (!begun.ok) return gaveUp(begun.error, false);
    const { uploadId, chunkBytes } = begun.value;
    for (let index = 0; index * chunkBytes < bytes.length; index++) {
      const data = bytes.subarray(index * chunkBytes, (index + 1) * chunkBytes).toString('base64');
      const sent = await device.call('scans.chunk', { uploadId, index, data });
      if (!sent.ok) return gaveUp(sent.error, false);
    }
    const finished = await device.call('scans.finish', { uploadId, thumbnail: null });
    if (!finished.ok) return gaveUp(finished.error, false);
    scans.push({ sha256: finished.value.sha256, materialId: 'id_card' });
  }
  const submitted = await device.call('intake.submit', pensionTransfer({ scans }));
  if (!submitted.ok) return gaveUp(submitted.error, scans.length > 0);
  return { scanned: scans.length > 0, submitted: true };
}

/**
 * "Sync now" until the window has nothing left to send and has heard back
 * (the faults off, every server up). The engine may be backing off after the
 * faults, so it is nudged when nothing changes — less and less often, so a
 * nudge (which cuts the cycle under way short) never starves a slow one.
 */
export async function settleWindow(device: DeviceProcess): Promise<DeviceSyncState> {
  const begun = Date.now();
  let last = '';
  let changedAt = begun;
  let nudgedAt = 0;
  let patience = NUDGE_MS;
  for (;;) {
    const state = deviceSyncState(device.dbFile);
    if (settled(state)) return state;
    const progress = JSON.stringify({
      outboxEvents: state.outboxEvents,
      outboxBlobs: state.outboxBlobs,
      unacknowledged: state.events.filter((e) => e.server_seq === null).length,
      notPulled: state.events.filter((e) => e.received_at === null).length,
    });
    const now = Date.now();
    if (progress !== last) [last, changedAt, patience] = [progress, now, NUDGE_MS];
    if (now - begun > SETTLE_MS) throw new Error(`the device did not settle within ${SETTLE_MS} ms: ${progress}`);
    if (now - Math.max(changedAt, nudgedAt) >= patience) {
      nudgedAt = now;
      patience *= 2;
      await device.call('sync.now', {});
    }
    await sleep(20);
  }
}
