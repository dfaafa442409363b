// The audit log: browsed with its chain checked, and exported.
import { z } from 'zod';
import {
  auditChainSchema,
  auditEntrySchema,
  auditFilter,
  auditUserSchema,
  EXPORT_FORMATS,
  exportFileSchema,
} from '../../supervision/schemas.ts';
import type { MethodSpec } from './common.ts';

export const auditMethods = {
  'audit.list': {
    permission: 'audit.read',
    input: auditFilter.extend({
      offset: z.number().int().min(0).default(0),
      limit: z.number().int().min(1).max(500).default(100),
    }),
    output: z.object({
      rows: z.array(auditEntrySchema),
      total: z.number().int(),
      chain: auditChainSchema,
      users: z.array(auditUserSchema),
    }),
  },
  'audit.export': {
    permission: 'audit.read',
    input: auditFilter.extend({ format: z.enum(EXPORT_FORMATS) }),
    output: exportFileSchema,
  },
} as const satisfies Record<string, MethodSpec>;
