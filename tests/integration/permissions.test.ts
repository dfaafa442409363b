// Every RPC method requires a permission, and the backend — not the UI —
// refuses callers without it, whatever the renderer was made to send. Checked for every method of the
// contract and every role, plus anonymous callers, against the real backend.
import { createHash, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLE_PERMISSIONS, ROLES, type Permission, type Role } from '../../shared/auth/permissions.ts';
import type { RpcClient } from '../../shared/rpc/client.ts';
import { localDay } from '../../shared/local-time.ts';
import { methods, type MethodName } from '../../shared/rpc/contract.ts';
import {
  ADMIN,
  call,
  createUser,
  login,
  makePng,
  pensionTransfer,
  setUpDevice,
  startInProcess,
  TEST_DEVICE,
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

/**
 * Inputs each method accepts, so that an allowed call runs its handler for
 * real (it may still be refused for business reasons). A method missing here
 * is called with {} — a new method is still probed, only less deeply.
 */
const SAMPLE_INPUTS: Partial<Record<MethodName, () => unknown>> = {
  'settings.setLanguage': () => ({ language: 'zh-CN' }),
  'devices.setDocumentCamera': () => ({ camera: null }),
  'setup.initialize': () => ({
    device: { ...TEST_DEVICE },
    admin: { username: 'second-admin', displayName: 'Second', password: 'second-admin-pw' },
  }),
  'auth.login': () => ({ username: 'nobody-here', password: 'wrong-password' }),
  'auth.unlock': () => ({ password: 'wrong-password' }),
  'auth.changePassword': () => ({ current: 'not-the-password', next: 'a-new-password-1' }),
  'users.create': () => ({
    username: `sample-${++sampleCounter}`,
    displayName: 'Sample',
    password: 'sample-password',
    roles: ['auditor'],
  }),
  'users.update': () => ({ userId: spareUserId, displayName: `Renamed ${++sampleCounter}` }),
  'users.resetPassword': () => ({ userId: spareUserId, password: 'spare-password-2' }),
  'device.update': () => ({ hall: `${TEST_DEVICE.hall}（东厅）` }),
  'catalog.search': () => ({ query: '养老' }),
  'calendar.import': () => ({ fileText: '{"not": "a calendar"}' }),
  'catalog.import': () => ({ fileText: '{"not": "a catalog"}' }),
  'authorities.save': () => ({
    region: '110101',
    category: 'general',
    names: { 'zh-CN': '测试局', 'zh-TW': '測試局', en: 'Test bureau' },
    sealName: '测试局',
    reconsiderationBody: null,
    court: { 'zh-CN': '测试法院', 'zh-TW': '測試法院', en: 'Test court' },
  }),
  'authorities.remove': () => ({ region: '110101', category: 'general' }),
  'authorities.import': () => ({ fileText: '{"not": "a catalog"}' }),
  'drafts.save': () => ({ draftId: randomUUID(), state: { step: 'applicant' } }),
  'drafts.discard': () => ({ draftId: randomUUID() }),
  'scans.begin': () => ({ mediaType: 'image/gif', size: 10 }),
  'scans.chunk': () => ({ uploadId: 'no-such-upload', index: 0, data: 'AAAA' }),
  'scans.finish': () => ({ uploadId: 'no-such-upload', thumbnail: null }),
  'scans.get': () => ({ sha256: scanSha, caseId }),
  'scans.thumbnail': () => ({ sha256: scanSha, caseId }),
  'intake.submit': () => pensionTransfer(),
  'cases.list': () => ({ query: '张三' }),
  'cases.get': () => ({ caseId }),
  'cases.reveal': () => ({ caseId, field: 'applicant.idNumber' }),
  'cases.revealField': () => ({ caseId, fieldId: 'transfer_in_region' }),
  'cases.recordPrint': () => ({ caseId, document: 'receipt', output: 'pdf', outcome: 'saved' }),
  'consultations.log': () => ({ matterId: 'KST-SI-004', note: '咨询养老保险关系转移', minutes: 5 }),
  'supervision.ledger': () => ({ day: today(), unmasked: true }),
  'supervision.exportLedger': () => ({ day: today(), format: 'xlsx', unmasked: true }),
  'supervision.recordLedgerPrint': () => ({ day: today(), output: 'pdf', outcome: 'saved', unmasked: false }),
  'supervision.setThresholds': () => ({ originalsDays: 4, collectionDays: 9 }),
  'supervision.stats': () => ({ from: '2026-01-01', to: today() }),
  'supervision.exportStats': () => ({ from: '2026-01-01', to: today(), format: 'csv' }),
  'supervision.closePreview': () => ({ day: today() }),
  // A day long past: closing it (when no warning is open) changes nothing the other methods read.
  'supervision.closeDay': () => ({ day: '2020-01-06', comments: [] }),
  'supervision.closedDays': () => ({ limit: 5 }),
  // No such rating: refused by the service, after the permission check.
  'rectifications.assign': () => ({ caseId, eventId: 'no-such-event', assigneeUserId: spareUserId }),
  'rectifications.answer': () => ({ caseId, eventId: 'no-such-event', findings: '核实', actions: '整改' }),
  'rectifications.contact': () => ({
    caseId,
    eventId: 'no-such-event',
    contactedAt: new Date().toISOString(),
    method: 'phone',
    response: 'satisfied',
  }),
  'rectifications.close': () => ({ caseId, eventId: 'no-such-event' }),
  'audit.list': () => ({ action: 'auth.login', limit: 10 }),
  'audit.export': () => ({ format: 'csv', action: 'personal.reveal' }),
  // No passphrase set and none given: refused by the service, after the permission check.
  'backup.configure': () => ({ folder: '/no-such-backup-folder', daily: false }),
  'backup.restore': () => ({ folder: '/no-such-backup-folder', passphrase: 'not-a-passphrase' }),
  'backup.restoreAtSetup': () => ({ folder: '/no-such-backup-folder', passphrase: 'not-a-passphrase' }),
  'privacy.setSettings': () => ({ retentionYears: 30, contact: '彭泽县政务服务中心 0792-1234567' }),
  'paperwork.issueOneTimeNotice': () => ({
    matterId: 'KST-SI-004',
    language: 'zh-CN',
    items: [{ materialId: 'id_card', problem: 'missing' }],
    note: '咨询养老保险关系转移',
    minutes: 5,
  }),
  // No such notice: refused by the service, after the permission check.
  'paperwork.recordNoticePrint': () => ({ noticeId: 'no-such-notice', output: 'pdf', outcome: 'saved' }),
  // No pad configured on the device under test: refused by the service, after the permission check.
  'paperwork.signForm': () => ({ prompt: '请签名' }),
  // Turns the reader off, as the device under test has it: allowed, and nothing changes.
  'devices.setIdCardReader': () => ({ reader: { kind: 'none' }, photoDecoder: null }),
  'paperwork.recordFormPrint': () => ({
    draftId: '00000000-0000-4000-8000-000000000000',
    matterId: 'KST-SI-004',
    output: 'pdf',
    outcome: 'saved',
  }),
  // The applicant's screen: a pairing of the caller's own, or none, refused by the service.
  'applicantScreen.open': () => ({ draftId: randomUUID() }),
  'applicantScreen.state': () => ({ pairingId: randomUUID() }),
  'applicantScreen.show': () => ({
    pairingId: randomUUID(),
    content: {
      matterId: 'KST-SI-004',
      language: 'zh-CN',
      handlingRegion: null,
      applicant: { name: '张三', idKind: 'resident_id', idNumber: '', phone: '', address: '' },
      agent: null,
      materials: [],
      delivery: null,
    },
  }),
  'applicantScreen.takeSignature': () => ({ pairingId: randomUUID() }),
  'applicantScreen.close': () => ({ pairingId: randomUUID() }),
  'applicantScreen.redeem': () => ({ code: '000000' }),
  'applicantScreen.sign': () => ({ png: '' }),
  'applicantScreen.flag': () => ({ field: 'matter' }),
  'applicantScreen.rate': () => ({ rating: 5 }),
};

/** The local day, as the backend counts days. */
const today = (): string => localDay(new Date());

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
