// Every RPC method requires a permission, and the backend — not the UI —
// refuses callers without it, whatever the renderer was made to send. Checked for every method of the
// contract and every role, plus anonymous callers, against the real backend.
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLE_PERMISSIONS, ROLES, type Permission, type Role } from '../../shared/auth/permissions.ts';
import type { RpcClient } from '../../shared/rpc/client.ts';
import { methods, type MethodName } from '../../shared/rpc/contract.ts';
import { sampleInputs } from './permission-samples.ts';
import {
  ADMIN,
  call,
  createUser,
  login,
  makePng,
  pensionTransfer,
  setUpDevice,
  startInProcess,
  uploadScan,
  withDb,
  type BackendUnderTest,
  type Credentials,
} from './harness.ts';

type Caller = Role | 'anonymous';
const CALLERS: readonly Caller[] = [...ROLES, 'anonymous'];
const METHOD_NAMES = Object.keys(methods) as MethodName[];

function permissionOf(method: MethodName): string {
  return methods[method].permission;
}

function allowed(caller: Caller, method: MethodName): boolean {
  const permission = permissionOf(method);
  if (permission === 'public') return true;
  return caller !== 'anonymous' && (ROLE_PERMISSIONS[caller] as readonly string[]).includes(permission);
}

const PERMISSION_CODES = ['PERMISSION_DENIED', 'UNAUTHENTICATED', 'SESSION_LOCKED'];

/** No input schema of the contract accepts a bare string: every method takes an object. */
const NOT_AN_INPUT = 'this is not the input of any method';

let backend: BackendUnderTest;
const sessions = new Map<Caller, { client: RpcClient; credentials: Credentials | null }>();
let admin: RpcClient;
let caseId: string;
let scanSha: string;
let spareUserId: string;
let sampleCounter = 0;

const SAMPLE_INPUTS = sampleInputs({
  get caseId() {
    return caseId;
  },
  get scanSha() {
    return scanSha;
  },
  get spareUserId() {
    return spareUserId;
  },
  nextNumber: () => ++sampleCounter,
});

function sampleInput(method: MethodName): unknown {
  return SAMPLE_INPUTS[method]?.() ?? {};
}

/** A digest of everything in the database except sessions (last seen) and the audit log. */
function snapshot(): string {
  return withDb(backend.dbFile, (db) => {
    const tables = (
      db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[]
    )
      .map((t) => t.name)
      .filter((name) => !['sessions', 'audit_log', 'sqlite_sequence'].includes(name));
    const hash = createHash('sha256');
    for (const table of tables) hash.update(table).update(JSON.stringify(db.prepare(`SELECT * FROM ${table}`).all()));
    return hash.digest('hex');
  });
}

/** The caller's client; a new login when the previous call ended its session (auth.logout). */
async function clientOf(caller: Caller): Promise<RpcClient> {
  const session = sessions.get(caller)!;
  if (session.credentials && (await call(session.client, 'auth.current', {})) === null) {
    session.client = (await login(backend, session.credentials)).client;
  }
  return session.client;
}

beforeAll(async () => {
  backend = startInProcess();
  ({ admin } = await setUpDevice(backend));
  for (const role of ROLES) {
    const credentials = await createUser(admin, [role]);
    sessions.set(role, { client: (await login(backend, credentials)).client, credentials });
  }
  sessions.set('anonymous', { client: await backend.connect(), credentials: null });
  spareUserId = (await createUser(admin, ['auditor'])).userId;

  // A real case and scan, so that case and scan methods reach their handlers.
  const clerk = sessions.get('intake_clerk')!.client;
  const scan = await uploadScan(clerk, makePng('permissions'), 'image/png');
  if (!scan.ok) throw new Error(scan.error.message);
  scanSha = scan.value.sha256;
  ({ caseId } = await call(
    clerk,
    'intake.submit',
    pensionTransfer({ scans: [{ sha256: scanSha, materialId: null }] }),
  ));
}, 60_000);

afterAll(async () => {
  await backend.stop();
});

describe('the contract', () => {
  it('gives every method a permission that exists', () => {
    const known = new Set<string>(['public', ...Object.values(ROLE_PERMISSIONS).flat()]);
    for (const method of METHOD_NAMES) expect(known, method).toContain(permissionOf(method));
    expect(METHOD_NAMES.length).toBeGreaterThan(20);
  });

  it('rejects the probe input for every method, and accepts every sample input', () => {
    for (const method of METHOD_NAMES) {
      expect(methods[method].input.safeParse(NOT_AN_INPUT).success, method).toBe(false);
      const sample = SAMPLE_INPUTS[method];
      if (sample) expect(methods[method].input.safeParse(sample()).error, method).toBeUndefined();
    }
    for (const method of Object.keys(SAMPLE_INPUTS)) expect(METHOD_NAMES).toContain(method);
  });
});

describe.each(CALLERS)('as %s', (caller) => {
  const expectedRefusal = caller === 'anonymous' ? 'UNAUTHENTICATED' : 'PERMISSION_DENIED';

  // The permission is checked before the input: an input no method accepts
  // tells the permission check apart from everything after it.
  it.each(METHOD_NAMES)('%s is refused exactly when the permission is missing', async (method) => {
    const result = await (await clientOf(caller)).requestRaw(method, NOT_AN_INPUT);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe(allowed(caller, method) ? 'INVALID_INPUT' : expectedRefusal);
  });

  it.each(METHOD_NAMES)('%s with a real input: refused and without effect, or not refused', async (method) => {
    const client = await clientOf(caller);
    const before = allowed(caller, method) ? null : snapshot();
    const result = await client.requestRaw(method, sampleInput(method));
    if (allowed(caller, method)) {
      if (result.ok) return;
      if (caller === 'anonymous') {
        // auth.unlock, public, still needs a session to unlock: only PERMISSION_DENIED is wrong here.
        expect(result.error.code).not.toBe('PERMISSION_DENIED');
      } else {
        expect(PERMISSION_CODES).not.toContain(result.error.code);
      }
    } else {
      expect(result).toMatchObject({ ok: false, error: { code: expectedRefusal } });
      expect(snapshot()).toBe(before);
    }
  });
});

describe('an intake clerk', () => {
  const supervisorOrAdmin = new Set<Permission>([
    ...ROLE_PERMISSIONS.supervisor,
    ...ROLE_PERMISSIONS.auditor,
    ...ROLE_PERMISSIONS.administrator,
  ]);
  const clerkLacks = METHOD_NAMES.filter((method) => {
    const permission = permissionOf(method) as Permission;
    return supervisorOrAdmin.has(permission) && !ROLE_PERMISSIONS.intake_clerk.includes(permission);
  });

  it("cannot call any of the supervisor's, auditor's or administrator's methods it lacks, and nothing changes", async () => {
    expect(clerkLacks).toEqual(
      expect.arrayContaining([
        'users.list',
        'users.create',
        'users.update',
        'users.resetPassword',
        'device.update',
        'calendar.import',
        'catalog.import',
        'authorities.save',
        'authorities.remove',
        'authorities.import',
        'supervision.ledger',
        'supervision.exportLedger',
        'supervision.recordLedgerPrint',
        'supervision.warnings',
        'supervision.setThresholds',
        'supervision.stats',
        'supervision.exportStats',
        'supervision.closePreview',
        'supervision.closeDay',
        'supervision.closedDays',
        'rectifications.list',
        'rectifications.assign',
        'rectifications.close',
        'audit.list',
        'audit.export',
      ]),
    );
    // What a clerk does log is its own consultations.
    expect(clerkLacks).not.toContain('consultations.log');
    const clerk = await clientOf('intake_clerk');
    const usersBefore = await call(admin, 'users.list', {});
    const deviceBefore = await call(admin, 'device.get', {});
    const calendarsBefore = await call(admin, 'calendar.list', {});
    const before = snapshot();

    const spare = usersBefore.find((u) => u.userId === spareUserId)!;
    const attempts: [MethodName, unknown][] = clerkLacks.map((method) => [method, sampleInput(method)]);
    // The most tempting inputs too: making itself an administrator, reopening the device.
    const self = sessions.get('intake_clerk')!;
    const clerkUser = usersBefore.find((u) => u.username === self.credentials!.username)!;
    attempts.push(
      ['users.update', { userId: clerkUser.userId, roles: ['administrator'] }],
      ['users.update', { userId: spare.userId, active: false }],
      [
        'users.resetPassword',
        { userId: usersBefore.find((u) => u.username === ADMIN.username)!.userId, password: 'pwned-1234' },
      ],
      ['device.update', { idleLockMinutes: 240, regionCode: '110101', windowNo: '99' }],
      [
        'calendar.import',
        {
          fileText: JSON.stringify({
            kind: 'tongban.calendar',
            years: [{ year: 2027, holidays: ['2027-01-01'], workdays: [] }],
          }),
        },
      ],
    );
    for (const [method, input] of attempts) {
      const result = await clerk.requestRaw(method, input);
      expect(result, method).toMatchObject({ ok: false, error: { code: 'PERMISSION_DENIED' } });
    }

    expect(snapshot()).toBe(before);
    expect(await call(admin, 'users.list', {})).toEqual(usersBefore);
    expect(await call(admin, 'device.get', {})).toEqual(deviceBefore);
    expect(await call(admin, 'calendar.list', {})).toEqual(calendarsBefore);
    // The session itself is unharmed: what the clerk may do still works.
    await expect(call(clerk, 'cases.list', {})).resolves.toMatchObject({ total: expect.any(Number) });
  });

  it('gains and loses permissions on its open session as an administrator changes its roles', async () => {
    const credentials = await createUser(admin, ['intake_clerk']);
    const { client } = await login(backend, credentials);
    expect(await client.request('users.list', {})).toMatchObject({ ok: false, error: { code: 'PERMISSION_DENIED' } });

    await call(admin, 'users.update', { userId: credentials.userId, roles: ['intake_clerk', 'administrator'] });
    expect(await client.request('users.list', {})).toMatchObject({ ok: true });
    // Both roles' permissions at once.
    expect(await client.request('drafts.list', {})).toMatchObject({ ok: true });

    await call(admin, 'users.update', { userId: credentials.userId, roles: ['auditor'] });
    expect(await client.request('users.list', {})).toMatchObject({ ok: false, error: { code: 'PERMISSION_DENIED' } });
    expect(await client.request('cases.list', {})).toMatchObject({ ok: false, error: { code: 'PERMISSION_DENIED' } });
    expect(await client.request('auth.heartbeat', {})).toMatchObject({ ok: true });
  });
});

describe('sessions that are not (or no longer) valid', () => {
  it('a logged-out token is no session: non-public methods are UNAUTHENTICATED', async () => {
    const credentials = await createUser(admin, ['supervisor']);
    const { client, info } = await login(backend, credentials);
    await call(client, 'auth.logout', {});
    for (const method of METHOD_NAMES) {
      const result = await client.requestRaw(method, NOT_AN_INPUT);
      expect(result, method).toMatchObject({
        ok: false,
        error: { code: permissionOf(method) === 'public' ? 'INVALID_INPUT' : 'UNAUTHENTICATED' },
      });
    }
    // A forged token is no better.
    const forged = await backend.connect(`${info.token.slice(0, -4)}AAAA`);
    expect(await forged.request('cases.list', {})).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
  });

  it('auth.unlock without any session is UNAUTHENTICATED', async () => {
    const anonymous = await backend.connect();
    expect(await anonymous.request('auth.unlock', { password: ADMIN.password })).toMatchObject({
      ok: false,
      error: { code: 'UNAUTHENTICATED' },
    });
  });
});
