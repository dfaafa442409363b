// The link with each partner region's exchange server: its state, a new one
// enrolled, and the events it refused.
import { z } from 'zod';
import { fingerprintSchema, serverUrlSchema } from '../../sync/invitation.ts';
import { noInput, ok, regionCode, type MethodSpec } from './common.ts';

export const remoteStatusSchema = z.object({
  remoteId: z.string(),
  regionCode: regionCode,
  name: z.string().nullable(),
  url: z.string().nullable(),
  enrolled: z.boolean(),
  online: z.boolean().nullable(),
  lastSuccessAt: z.string().nullable(),
  lastError: z.string().nullable(),
  /** Why the server was not trusted at the last failure (a wrong key, a bad answer signature…), for words on screen. */
  lastErrorReason: z.string().nullable(),
  queueDepth: z.number().int(),
  // The cases those events belong to.
  queuedCases: z.number().int(),
  oldestQueuedAt: z.string().nullable(),
  blobsLeft: z.number().int(),
  bytesLeft: z.number().int(),
  quarantined: z.number().int(),
  sending: z.object({ done: z.number(), total: z.number() }).nullable(),
});
export type RemoteStatus = z.infer<typeof remoteStatusSchema>;

export const quarantineEntrySchema = z.object({
  eventId: z.string(),
  caseId: z.string(),
  caseNo: z.string(),
  eventType: z.string(),
  regionCode: regionCode,
  reason: z.string(),
  detail: z.string().nullable(),
  winner: z.object({ eventId: z.string(), type: z.string() }).nullable(),
  quarantinedAt: z.string(),
});

export const syncMethods = {
  'sync.status': { permission: 'sync.read', input: noInput, output: z.array(remoteStatusSchema) },
  // A partner region's exchange server: the invitation its administrator gave (the text, or its three parts:
  // address, one-time code and the fingerprint of the server key, which the device pins).
  'sync.addRemote': {
    permission: 'sync.manage',
    input: z
      .object({
        invitation: z.string().trim().min(1).max(1000).optional(),
        url: serverUrlSchema.optional(),
        code: z.string().trim().min(8).max(64).optional(),
        fingerprint: fingerprintSchema.optional(),
        name: z.string().trim().min(1).max(60),
      })
      .refine((v) => v.invitation !== undefined || (v.url && v.code && v.fingerprint), {
        message: 'An invitation, or the server address, code and key fingerprint.',
        path: ['invitation'],
      }),
    output: remoteStatusSchema,
  },
  'sync.now': { permission: 'sync.read', input: noInput, output: ok },
  'sync.quarantine': { permission: 'sync.read', input: noInput, output: z.array(quarantineEntrySchema) },
} as const satisfies Record<string, MethodSpec>;
