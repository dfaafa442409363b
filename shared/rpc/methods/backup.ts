// Backup and restore, and the stop sync makes when this device's data is older
// than what a server saw from it. An administrator chooses the folder (a USB
// disk is a folder) and the recovery passphrase; a daily backup runs there by
// itself. A restore checks the backup whole before the device switches to it,
// and the device then announces the recovery to its servers.
import { z } from 'zod';
import { noInput, type MethodSpec } from './common.ts';

const folder = z.string().trim().min(1).max(1000);
const passphrase = z.string().min(1).max(1000);

export const backupStatusSchema = z.object({
  folder: z.string().nullable(),
  daily: z.boolean(),
  /** A recovery passphrase is set, so backups can run. */
  configured: z.boolean(),
  lastSuccess: z.object({ at: z.string(), path: z.string(), parts: z.number().int(), bytes: z.number() }).nullable(),
  lastFailure: z.object({ at: z.string(), reason: z.string() }).nullable(),
  /** A backup or a restore under way: how many parts of how many. */
  running: z
    .object({ kind: z.enum(['backup', 'restore']), done: z.number().int(), total: z.number().int() })
    .nullable(),
  /** Remotes sync stopped with: the server saw more of this device's events, or closes, than it holds. */
  rollback: z.array(
    z.object({
      remoteId: z.string(),
      remoteName: z.string().nullable(),
      highestSeen: z.number().int(),
      reported: z.number().int(),
      missing: z.number().int(),
      /** Days this device closed, anchored at the server, whose close the copy lacks. */
      missingCloses: z.array(z.string()),
      detectedAt: z.string(),
    }),
  ),
  /** A restore being announced to the servers; null once every one has heard of it. */
  recovery: z.object({ backupAt: z.string() }).nullable(),
});
export type BackupStatus = z.infer<typeof backupStatusSchema>;

export const restoreInput = z.object({ folder, passphrase }).strict();
export const restoreResult = z.object({
  backupAt: z.string(),
  /** The device restarts on the restored data. */
  restarting: z.literal(true),
});

export const backupMethods = {
  'backup.status': { permission: 'device.manage', input: noInput, output: backupStatusSchema },
  'backup.configure': {
    permission: 'device.manage',
    input: z.object({ folder, passphrase: passphrase.optional(), daily: z.boolean() }).strict(),
    output: backupStatusSchema,
  },
  'backup.run': {
    permission: 'device.manage',
    input: noInput,
    output: z.object({ path: z.string(), createdAt: z.string(), parts: z.number().int(), bytes: z.number() }),
  },
  'backup.restore': { permission: 'device.manage', input: restoreInput, output: restoreResult },
  // After sync stopped on an older copy: announce it as a recovery and take back from the servers what it lacks.
  'backup.recoverFromServers': { permission: 'device.manage', input: noInput, output: backupStatusSchema },
  // A new PC: before the device is set up, its first screen may restore a backup instead.
  'backup.restoreAtSetup': { permission: 'public', input: restoreInput, output: restoreResult },
} as const satisfies Record<string, MethodSpec>;
