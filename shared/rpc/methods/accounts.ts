// Accounts and sessions: the first run's setup, logging in and out, the lock
// screen, and the administrator's user list.
import { z } from 'zod';
import { roleSchema } from '../../auth/permissions.ts';
import { id, noInput, ok, type MethodSpec } from './common.ts';
import { deviceInput, deviceSchema } from './device.ts';

const username = z
  .string()
  .trim()
  .min(2)
  .max(40)
  .regex(/^[A-Za-z0-9._-]+$/);
const password = z.string().min(8).max(200);
const displayName = z.string().trim().min(1).max(60);

export const userSchema = z.object({
  userId: z.string(),
  username: z.string(),
  displayName: z.string(),
  roles: z.array(roleSchema),
  active: z.boolean(),
  locked: z.boolean(),
});
export type User = z.infer<typeof userSchema>;

export const sessionInfoSchema = z.object({
  token: z.string(),
  user: userSchema,
  permissions: z.array(z.string()),
  device: deviceSchema,
});
export type SessionInfo = z.infer<typeof sessionInfoSchema>;

export const accountMethods = {
  'setup.status': {
    permission: 'public',
    input: noInput,
    output: z.object({ setUp: z.boolean() }),
  },
  // First run only: the device and its administrator, who is then logged in.
  'setup.initialize': {
    permission: 'public',
    input: z.object({
      device: deviceInput,
      admin: z.object({ username, displayName, password }),
    }),
    output: sessionInfoSchema,
  },

  'auth.login': {
    permission: 'public',
    input: z.object({ username: z.string().max(40), password: z.string().max(200) }),
    output: sessionInfoSchema,
  },
  // The session this call carries, or null.
  'auth.current': { permission: 'public', input: noInput, output: sessionInfoSchema.nullable() },
  'auth.unlock': {
    permission: 'public',
    input: z.object({ password: z.string().max(200) }),
    output: sessionInfoSchema,
  },
  'auth.logout': { permission: 'session.own', input: noInput, output: ok },
  // The person's own keyboard or pointer input, reported by the screen (a few
  // seconds apart at most): the only call that moves the idle deadline.
  'auth.heartbeat': { permission: 'session.own', input: noInput, output: ok },
  'auth.changePassword': {
    permission: 'session.own',
    input: z.object({ current: z.string().max(200), next: password }),
    output: ok,
  },

  'users.list': { permission: 'users.manage', input: noInput, output: z.array(userSchema) },
  'users.create': {
    permission: 'users.manage',
    input: z.object({ username, displayName, password, roles: z.array(roleSchema).min(1) }),
    output: userSchema,
  },
  'users.update': {
    permission: 'users.manage',
    input: z.object({
      userId: id,
      displayName: displayName.optional(),
      roles: z.array(roleSchema).min(1).optional(),
      active: z.boolean().optional(),
    }),
    output: userSchema,
  },
  'users.resetPassword': { permission: 'users.manage', input: z.object({ userId: id, password }), output: userSchema },
} as const satisfies Record<string, MethodSpec>;
