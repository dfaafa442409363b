import { execFile } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEED_CATALOG } from '../shared/catalog/index.ts';
import { formatFingerprint, parseInvitation } from '../shared/sync/invitation.ts';
import { buildServer } from './app.ts';
import { dataFolderIdentity, SELF_SIGNED_HOSTS } from './tls.ts';
import { openApiText } from './openapi.ts';
import type { ServerStore } from './storage/contract.ts';
import {
  injectTransport,
  newKeys,
  SERVER_REGION,
  tempDir,
  TestDevice,
  testStoreSite,
  type TestStoreSite,
} from '../tests/support/server.ts';

const MAIN = new URL('./main.ts', import.meta.url).pathname;
const URL_OF_SERVER = 'https://exchange.example.test:8440';
const run = promisify(execFile);

/** Runs `node server/main.ts <args> --data-dir <dir>` on the test's store; never throws, so a failure's exit code can be checked. */
async function cli(
  dir: string,
  site: TestStoreSite,
  ...args: string[]
): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [MAIN, ...args, '--data-dir', dir], {
      env: { ...process.env, ...site.env },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe('admin CLI', () => {
  const dir = tempDir();
  let site: TestStoreSite;
  let store: ServerStore;
  const admin = (...args: string[]) => cli(dir.path, site, ...args);

  beforeAll(async () => {
    site = await testStoreSite(dir.path);
    store = await site.open();
    await store.setRegion(SERVER_REGION);
    // As the server's first start leaves it: the commands name its key, never make one.
    dataFolderIdentity(dir.path, SELF_SIGNED_HOSTS);
  });
  afterAll(async () => {
    await store.close();
    await site.remove();
    dir.remove();
  });

  it('makes one-time codes a device enrolls with; lists, revokes and counts devices', async () => {
    const made = await admin('enrollment-code', '--kind', 'intake', '--region', '360430', '--url', URL_OF_SERVER);
    expect(made.code).toBe(0);
    // An invitation: the address, the code, and the fingerprint of the key the server made in its data folder.
    const invitation = parseInvitation(made.stdout.trim());
    const { identity } = dataFolderIdentity(dir.path, SELF_SIGNED_HOSTS);
    expect(invitation).toMatchObject({ server: URL_OF_SERVER, fingerprint: identity.fingerprint });
    const code = invitation!.code;
    expect(code).toMatch(/^[A-Z2-9]{4}(-[A-Z2-9]{4}){4}$/);
    expect(made.stderr).toContain('intake 360430');
    expect(made.stderr).toContain(formatFingerprint(identity.fingerprint));
    // The QR code, drawn with block characters.
    expect(made.stderr).toMatch(/[█▀▄]{7}/);

    const app = await buildServer({ store, dataDir: dir.path, region: SERVER_REGION, identity });
    const transport = injectTransport(app);
    const keys = newKeys();
    const enrolled = await transport({
      method: 'POST',
      url: '/v1/enroll',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code, publicKey: keys.publicKey, deviceName: 'Window 3' }),
    });
    expect(enrolled.status).toBe(200);
    const { deviceId, scope } = enrolled.json<{ deviceId: string; scope: { kind: 'intake' } }>();
    const device = new TestDevice(transport, deviceId, keys.privateKey, scope as never);
    expect((await device.request('GET', '/catalog')).status).toBe(200);

    const listed = await admin('devices');
    expect(listed.stdout).toMatch(/id\s+name\s+scope\s+enrolled\s+last seen\s+revoked/);
    expect(listed.stdout).toContain(deviceId);
    expect(listed.stdout).toContain('Window 3');
    const [row] = JSON.parse((await admin('devices', '--json')).stdout) as { revokedAt: string | null }[];
    expect(row?.revokedAt).toBeNull();

    expect((await admin('revoke', deviceId)).code).toBe(0);
    expect((await device.request('GET', '/catalog')).json()).toMatchObject({ error: 'revoked' });
    expect((await admin('revoke', 'no-such-device')).code).toBe(1);
    expect((await admin('devices')).stdout).toMatch(new RegExp(`${deviceId}.*\\d{4}-\\d\\d-\\d\\dT.*Z\\s*$`, 'm'));

    const stats = JSON.parse((await admin('stats', '--json')).stdout) as Record<string, number>;
    expect(stats).toEqual({ devices: 1, events: 0, cases: 0, blobs: 0, bytes: 0 });
    expect((await admin('stats')).stdout).toMatch(/^devices\s+1$/m);
    await app.close();
  });

  it('keeps acceptance codes to the server region and refuses bad arguments', async () => {
    const desk = await admin(
      'enrollment-code',
      '--kind',
      'acceptance',
      '--region',
      SERVER_REGION,
      '--matters',
      'KST-SI-004',
      '--url',
      URL_OF_SERVER,
    );
    expect(desk.code).toBe(0);
    expect(desk.stderr).toContain('(KST-SI-004)');
    const elsewhere = await admin(
      'enrollment-code',
      '--kind',
      'acceptance',
      '--region',
      '360430',
      '--url',
      URL_OF_SERVER,
    );
    expect(elsewhere.code).toBe(2);
    expect(elsewhere.stderr).toContain(SERVER_REGION);
    const refusals = await Promise.all([
      admin('enrollment-code', '--kind', 'teller', '--region', '360430'),
      admin('enrollment-code', '--kind', 'intake', '--region', '36043'),
      admin('enrollment-code', '--kind', 'intake', '--region', '360430', '--matters', 'A'),
      admin('frobnicate'),
      admin('--no-such-flag'),
    ]);
    expect(refusals.map((r) => r.code)).toEqual([2, 2, 2, 2, 2]);
  });

  it('makes no invitation without an https address where devices reach the server', async () => {
    const refusals = await Promise.all([
      admin('enrollment-code', '--kind', 'intake', '--region', '360430'),
      admin('enrollment-code', '--kind', 'intake', '--region', '360430', '--url', 'http://exchange.example.test'),
    ]);
    expect(refusals.map((r) => r.code)).toEqual([2, 2]);
    expect(refusals[0]!.stderr).toContain('--url');
  });

  it('makes no invitation naming a key no server presents', async () => {
    // An admin machine of a deployment on PostgreSQL: a data folder where no server has started.
    const elsewhere = tempDir();
    const refused = await cli(
      elsewhere.path,
      site,
      'enrollment-code',
      '--kind',
      'intake',
      '--region',
      '360430',
      '--url',
      URL_OF_SERVER,
    );
    expect(refused.code).toBe(2);
    expect(refused.stdout).toBe('');
    expect(refused.stderr).toContain('--tls-cert');
    expect(existsSync(join(elsewhere.path, 'tls'))).toBe(false);
    elsewhere.remove();
  });

  it('imports a catalog file after validating it', async () => {
    const good = join(dir.path, 'catalog.json');
    const bundle = {
      catalogs: [{ ...SEED_CATALOG, version: '2027.1' }],
      calendars: [{ year: 2027, holidays: ['2027-01-01'], workdays: [] }],
    };
    writeFileSync(good, JSON.stringify(bundle));
    const imported = await admin('import-catalog', good);
    expect(imported.code).toBe(0);
    expect(imported.stdout).toContain(`${SEED_CATALOG.matters.length} matters`);
    expect((await store.catalog())?.catalogs[0]?.version).toBe('2027.1');

    const bad = join(dir.path, 'bad.json');
    writeFileSync(bad, JSON.stringify({ catalogs: [{ ...SEED_CATALOG, issuer: 'Hubei' }], calendars: [] }));
    const refused = await admin('import-catalog', bad);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('catalogs.0.issuer');
    expect((await store.catalog())?.catalogs[0]?.version).toBe('2027.1');
  });

  it('prints the OpenAPI document', async () => {
    const { stdout } = await run(process.execPath, [MAIN, 'openapi']);
    expect(stdout).toBe(openApiText());
  });

  it('will not serve without a region on first start', async () => {
    const empty = tempDir();
    const emptySite = await testStoreSite(empty.path);
    const started = await cli(empty.path, emptySite, '--port', '0');
    expect(started.code).toBe(2);
    expect(started.stderr).toContain('--region');
    await emptySite.remove();
    empty.remove();
  });
});
