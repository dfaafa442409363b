// The RPC contract between the UI and the backend, declared once. The backend
// implements exactly these methods, the preload and the browser-mode loader
// expose exactly these, and both transports validate against these schemas.
import { z } from 'zod';
import type { MethodPermission } from '../auth/permissions.ts';
import { languageSchema } from '../languages.ts';

export interface MethodSpec<P extends string = MethodPermission> {
  readonly permission: P;
  readonly input: z.ZodType;
  readonly output: z.ZodType;
}

const noInput = z.object({}).strict();

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

const languageResult = z.object({ language: languageSchema });

export const methods = {
  'system.health': { permission: 'public', input: noInput, output: healthSchema },
  // The UI language is a device preference, needed before anyone logs in.
  'settings.getLanguage': { permission: 'public', input: noInput, output: languageResult },
  'settings.setLanguage': { permission: 'public', input: languageResult.strict(), output: languageResult },
} as const satisfies Record<string, MethodSpec>;

export const events = {
  'settings.languageChanged': languageResult,
} as const satisfies Record<string, z.ZodType>;

export type Contract = typeof methods;
export type MethodName = keyof Contract;
export type MethodInput<M extends MethodName> = z.input<Contract[M]['input']>;
export type MethodOutput<M extends MethodName> = z.output<Contract[M]['output']>;
export type EventName = keyof typeof events;
export type EventPayload<E extends EventName> = z.output<(typeof events)[E]>;

export function isMethodName(name: string): name is MethodName {
  return Object.hasOwn(methods, name);
}
