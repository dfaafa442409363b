// The link with each partner region's exchange server: its state, a new one
// enrolled, and the events it refused.
import { z } from 'zod';
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
  // A partner region's exchange server: its address and the one-time code its administrator gave.
  'sync.addRemote': {
    permission: 'sync.manage',
    input: z.object({
      url: z.url({ protocol: /^https?$/ }).max(300),
      code: z.string().trim().min(8).max(64),
      name: z.string().trim().min(1).max(60),
    }),
    output: remoteStatusSchema,
  },
  'sync.now': { permission: 'sync.read', input: noInput, output: ok },
  'sync.quarantine': { permission: 'sync.read', input: noInput, output: z.array(quarantineEntrySchema) },
} as const satisfies Record<string, MethodSpec>;
