// The device itself: where this window is, and how it locks and prints.
import { z } from 'zod';
import { noInput, regionCode, type MethodSpec } from './common.ts';

export const deviceSchema = z.object({
  deviceId: z.string(),
  name: z.string().trim().min(1).max(60),
  regionCode,
  hall: z.string().trim().min(1).max(60),
  windowNo: z.string().regex(/^\d{2}$/),
  idleLockMinutes: z.number().int().min(1).max(240),
  // The desktop app prints receipts here silently; null: the system's default printer.
  receiptPrinter: z.string().trim().min(1).max(200).nullable(),
});
export type Device = z.infer<typeof deviceSchema>;
export const deviceInput = deviceSchema.pick({ name: true, regionCode: true, hall: true, windowNo: true });

export const deviceMethods = {
  'device.get': { permission: 'session.own', input: noInput, output: deviceSchema },
  'device.update': {
    permission: 'device.manage',
    input: deviceInput.partial().extend({
      idleLockMinutes: z.number().int().min(1).max(240).optional(),
      receiptPrinter: z.string().trim().min(1).max(200).nullable().optional(),
    }),
    output: deviceSchema,
  },
} as const satisfies Record<string, MethodSpec>;
