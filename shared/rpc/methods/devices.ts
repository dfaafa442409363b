// The window's peripherals (the devices.* methods): the signature pad, a
// loopback HTTP service set up by the administrator and used for the
// collector's signature.
import { z } from 'zod';
import { noInput, type MethodSpec } from './common.ts';
import { scanSchema } from './scans.ts';

const signaturePadSchema = z.object({ configured: z.boolean(), url: z.string().nullable() });

export const peripheralMethods = {
  // Whether the window has a pad: the clerk's pickup form and the administrator's settings both ask.
  'devices.signaturePad': { permission: 'session.own', input: noInput, output: signaturePadSchema },
  'devices.setSignaturePad': {
    permission: 'device.manage',
    // null turns the pad off; an address off this machine is refused (signature_pad_not_local).
    input: z.object({
      url: z
        .url({ protocol: /^http$/ })
        .max(200)
        .nullable(),
    }),
    output: signaturePadSchema,
  },
  // Opens the signing window with the prompt and stores the PNG it returns, as a scan a case event can refer to.
  'devices.captureSignature': {
    permission: 'scans.upload',
    input: z.object({ prompt: z.string().trim().max(100) }),
    output: scanSchema,
  },
} as const satisfies Record<string, MethodSpec>;
