// A set-up device and its users: first run with an administrator, users per
// role, logging in on a new connection, and a session token's row key.
import { createHash } from 'node:crypto';
import type { Role } from '../../../shared/auth/permissions.ts';
import { call, type RpcClient } from '../../../shared/rpc/client.ts';
import type { SessionInfo } from '../../../shared/rpc/contract.ts';

export const TEST_DEVICE = {
  name: '彭泽县跨省通办窗口',
  regionCode: '360430',
  hall: '彭泽县政务服务中心',
  windowNo: '03',
} as const;

export interface Credentials {
  username: string;
  password: string;
}

export const ADMIN: Credentials & { displayName: string } = {
  username: 'admin',
  displayName: 'Administrator One',
  password: 'admin-password-1',
};

/** Anything that opens connections to a running backend. */
export interface Connectable {
  connect(token?: string | null): Promise<RpcClient>;
}

/** The privacy notice's settings an administrator sets before the window takes anything in. */
export const TEST_PRIVACY = { retentionYears: 30, contact: '彭泽县政务服务中心 0792-4567890' } as const;

/**
 * First run: the device and its administrator, who sets the privacy notice's
 * settings (none: left unset); returns the administrator's logged-in client.
 */
export async function setUpDevice(
  backend: Connectable,
  device: { name: string; regionCode: string; hall: string; windowNo: string } = TEST_DEVICE,
  privacy: { retentionYears: number; contact: string } | null = TEST_PRIVACY,
): Promise<{ admin: RpcClient; info: SessionInfo; password: string }> {
  const client = await backend.connect();
  const info = await call(client, 'setup.initialize', {
    device: { ...device },
    admin: { username: ADMIN.username, displayName: ADMIN.displayName, password: ADMIN.password },
  });
  client.setSession(info.token);
  if (privacy) await call(client, 'privacy.setSettings', privacy);
  return { admin: client, info, password: ADMIN.password };
}

let userCounter = 0;

/** An administrator creates a user with these roles; returns the credentials. */
export async function createUser(
  admin: RpcClient,
  roles: Role[],
  username = `${roles.join('-').replaceAll('_', '.')}-${++userCounter}`,
): Promise<Credentials & { userId: string }> {
  const password = `pw-${username}-secret`;
  const user = await call(admin, 'users.create', { username, displayName: `User ${username}`, password, roles });
  return { username, password, userId: user.userId };
}

/** Logs in on a new connection; the client then carries the session. */
export async function login(
  backend: Connectable,
  credentials: Credentials,
): Promise<{ client: RpcClient; info: SessionInfo }> {
  const client = await backend.connect();
  const info = await call(client, 'auth.login', credentials);
  client.setSession(info.token);
  return { client, info };
}

/** The token's row key in the sessions table, as the backend stores it. */
export function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}

/** A new user with these roles, logged in: the client most tests act through. */
export async function staffClient(backend: Connectable, admin: RpcClient, roles: Role[]): Promise<RpcClient> {
  return (await login(backend, await createUser(admin, roles))).client;
}
