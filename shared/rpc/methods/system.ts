// The backend's own health, and the device's UI language.
import { z } from 'zod';
import { languageSchema } from '../../languages.ts';
import { noInput, type MethodSpec } from './common.ts';

export const healthSchema = z.object({
  appVersion: z.string(),
  schemaVersion: z.number().int().nonnegative(),
  databaseFile: z.string(),
  sqliteVersion: z.string(),
  nodeVersion: z.string(),
  pid: z.number().int(),
  startedAt: z.string(),
});
export type Health = z.infer<typeof healthSchema>;

export const languageResult = z.object({ language: languageSchema });

export const systemMethods = {
  'system.health': { permission: 'public', input: noInput, output: healthSchema },
  // The UI language is a device preference, needed before anyone logs in.
  'settings.getLanguage': { permission: 'public', input: noInput, output: languageResult },
  'settings.setLanguage': { permission: 'public', input: languageResult.strict(), output: languageResult },
} as const satisfies Record<string, MethodSpec>;
