// Scans: uploaded in chunks, then read back as a case's or a draft's files.
import { z } from 'zod';
import { sha256Schema } from '../../case/intake.ts';
import { id, type MethodSpec } from './common.ts';

export const SCAN_MEDIA_TYPES = ['image/jpeg', 'image/png', 'application/pdf'] as const;
export const scanMediaTypeSchema = z.enum(SCAN_MEDIA_TYPES);
export const MAX_SCAN_BYTES = 20 * 1024 * 1024;
export const SCAN_CHUNK_BYTES = 512 * 1024;

export const scanSchema = z.object({
  sha256: sha256Schema,
  mediaType: scanMediaTypeSchema,
  size: z.number().int(),
  thumbnailSha256: sha256Schema.nullable(),
});
export type Scan = z.infer<typeof scanSchema>;

export const scanMethods = {
  // Scans arrive in chunks, so a large file shows progress and a bad one is refused early.
  'scans.begin': {
    permission: 'scans.upload',
    input: z.object({ mediaType: z.string().max(100), size: z.number().int().min(0) }),
    output: z.object({ uploadId: z.string(), chunkBytes: z.number().int() }),
  },
  'scans.chunk': {
    permission: 'scans.upload',
    input: z.object({ uploadId: id, index: z.number().int().min(0), data: z.string().max(SCAN_CHUNK_BYTES * 2) }),
    output: z.object({ received: z.number().int() }),
  },
  'scans.finish': {
    permission: 'scans.upload',
    input: z.object({ uploadId: id, thumbnail: z.string().max(400_000).nullable() }),
    output: scanSchema,
  },
  // The bytes of a scan or thumbnail (base64); a full scan is an audited reveal.
  'scans.get': {
    permission: 'personal.reveal',
    input: z.object({ sha256: sha256Schema, caseId: id.nullable() }),
    output: z.object({ mediaType: z.string(), data: z.string() }),
  },
  // Like a scan, a thumbnail is seen through its case, or through the viewer's own draft (caseId null).
  'scans.thumbnail': {
    permission: 'cases.read',
    input: z.object({ sha256: sha256Schema, caseId: id.nullable() }),
    output: z.object({ data: z.string().nullable() }),
  },
} as const satisfies Record<string, MethodSpec>;
