// What every domain's part of the RPC contract is made of: the shape of a
// method, and the small schemas many of them share.
import { z } from 'zod';
import type { MethodPermission } from '../../auth/permissions.ts';

export interface MethodSpec<P extends string = MethodPermission> {
  readonly permission: P;
  readonly input: z.ZodType;
  readonly output: z.ZodType;
}

export const noInput = z.object({}).strict();
export const ok = z.object({ ok: z.literal(true) });
export const regionCode = z.string().regex(/^\d{6}$/);
export const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
export const id = z.string().min(1).max(64);
