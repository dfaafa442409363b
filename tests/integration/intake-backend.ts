// The backend the intake test files each start: the real backend entry as its
// own process, set up with an administrator and one intake clerk; and what
// those files look at on its disk.
import { existsSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, expect } from 'vitest';
import type { RpcClient } from '../../shared/rpc/client.ts';
import {
  CASE_TABLES,
  countRows,
  createUser,
  login,
  setUpDevice,
  startChild,
  type BackendUnderTest,
} from './harness.ts';

export interface IntakeBackend {
  readonly backend: BackendUnderTest;
  readonly clerkUserId: string;
  readonly adminToken: string;
  /** A new connection carrying the clerk's session (it outlives restarts). */
  clerk(): Promise<RpcClient>;
}

/** Starts the backend before the file's tests and stops it after them. */
export function intakeBackend(): IntakeBackend {
  let backend: BackendUnderTest;
  let clerkToken: string;
  let clerkUserId: string;
  let adminToken: string;

  beforeAll(async () => {
    backend = await startChild();
    const { admin, info: adminInfo } = await setUpDevice(backend);
    adminToken = adminInfo.token;
    const credentials = await createUser(admin, ['intake_clerk']);
    const { info } = await login(backend, credentials);
    clerkToken = info.token;
    clerkUserId = credentials.userId;
  }, 30_000);

  afterAll(async () => {
    await backend.stop();
  });

  return {
    get backend() {
      return backend;
    },
    get clerkUserId() {
      return clerkUserId;
    },
    get adminToken() {
      return adminToken;
    },
    clerk: () => backend.connect(clerkToken),
  };
}

/** The files under the backend's blobs folder, relative to it. */
export function blobFiles(backend: BackendUnderTest): string[] {
  const dir = join(backend.dataDir, 'blobs');
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)))
    .sort();
}

/** Runs `attempt` and checks that no case row, outbox entry or blob came of it. */
export async function expectNothingWritten(backend: BackendUnderTest, attempt: () => Promise<unknown>): Promise<void> {
  // The tables a submit writes (its draft aside) and the rows of uploaded scans.
  const before = countRows(backend.dbFile, [...CASE_TABLES.filter((table) => table !== 'drafts'), 'blobs']);
  const blobsBefore = blobFiles(backend);
  await attempt();
  expect(countRows(backend.dbFile, Object.keys(before))).toEqual(before);
  expect(blobFiles(backend)).toEqual(blobsBefore);
}
