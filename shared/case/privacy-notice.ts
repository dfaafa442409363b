// 个人信息处理告知: the notice the applicant is given at intake, and what the
// administrator sets for it. Its words are in every language under
// queuePrivacy.notice; a change to them is a new version, so a case records
// which words its applicant acknowledged.
import { z } from 'zod';

export const PRIVACY_NOTICE_VERSION = '2026.1';

/** What the administrator sets: how long the case's personal data is kept, and where to ask about it. */
export const privacySettingsSchema = z.object({
  // 保存期限, in whole years from the case's conclusion.
  retentionYears: z.number().int().min(1).max(100),
  // Where the applicant asks about the data or exercises their rights: a phone, an address, a mailbox.
  contact: z.string().trim().min(5).max(200),
});
export type PrivacySettings = z.infer<typeof privacySettingsSchema>;

/** What a case records of its notice: the version acknowledged, when, and the settings it stated. */
export const privacyRecordSchema = privacySettingsSchema.extend({
  version: z.string(),
  acknowledgedAt: z.string(),
});
export type PrivacyRecord = z.infer<typeof privacyRecordSchema>;
