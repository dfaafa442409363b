// Rollback detection between a device and an exchange server. Before each
// sync pass the device reports its position in its own record of events (how
// many events it has made, the count a restore brought back included); the
// server remembers the highest it was told. A device reporting less holds an
// older copy of its data than it once had: it is told so, with what is
// missing, and syncs no further. A device restored from a backup says so
// first, and the server takes its word as an announced recovery.
import { z } from 'zod';
import { errorResponse } from './protocol.ts';

export const positionRequest = z.object({
  ownEvents: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
  /**
   * False: only check, and name the newest events the server received from
   * the device, for it to look for. True: it holds them all; record the count.
   */
  record: z.boolean().default(true),
});
export const positionResponse = z.object({
  highestSeen: z.number().int().min(0),
  /**
   * The newest events the server received from the device. A device missing
   * one holds an older copy even when it has since made more events than it
   * had reported.
   */
  recentEventIds: z.array(z.string().max(100)).max(1000),
});

/** 409 to a device behind what the server saw from it: events `reported + 1` to `highestSeen` are missing. */
export const DEVICE_BEHIND = 'device_behind';
export const deviceBehindResponse = errorResponse.extend({
  error: z.literal(DEVICE_BEHIND),
  highestSeen: z.number().int().min(0),
  reported: z.number().int().min(0),
});
export type DeviceBehind = z.infer<typeof deviceBehindResponse>;

export const recoveryRequest = positionRequest.pick({ ownEvents: true }).extend({
  /** When the backup the device restored was made. */
  backupAt: z.string().datetime(),
});
export const recoveryResponse = z.object({ highestSeen: z.number().int().min(0) });
