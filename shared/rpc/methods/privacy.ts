// The privacy notice's settings (个人信息处理告知): the retention period and
// the contact the notice states, read at every intake window, set by the
// administrator.
import { z } from 'zod';
import { privacySettingsSchema } from '../../case/privacy-notice.ts';
import { noInput, type MethodSpec } from './common.ts';

export const privacyMethods = {
  // null: not set yet, and no intake can be submitted until it is.
  'privacy.settings': { permission: 'session.own', input: noInput, output: privacySettingsSchema.nullable() },
  'privacy.setSettings': {
    permission: 'device.manage',
    // Loose here so the backend can say which value is wrong (privacy_retention_invalid, privacy_contact_invalid).
    input: z.object({ retentionYears: z.number(), contact: z.string().max(1000) }),
    output: privacySettingsSchema,
  },
} as const satisfies Record<string, MethodSpec>;
