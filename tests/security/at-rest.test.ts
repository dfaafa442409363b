// M5: the exchange server kept payloads and scans in clear. Now each payload
// and each scan is sealed under its own data key, wrapped by the server data
// key, which never lives in the database. These tests take what a thief of
// the data folder or the database would have and look for the applicant.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  APPLICANT,
  enroll,
  injectTransport,
  newCase,
  postgresTestSchema,
  SERVER_REGION,
  tempDir,
  TEST_IDENTITY,
} from '../support/server.ts';
import { buildServer } from '../../server/app.ts';
import { DATA_KEY_FILE, keyringOf, loadDataKey } from '../../server/at-rest/data-key.ts';
import { atRestRowsOf } from '../../server/at-rest/rows.ts';
import { prepareAtRest } from '../../server/at-rest/start.ts';
import { runCommand } from '../../server/cli.ts';
import { PostgresStore } from '../../server/storage/postgres.ts';
import { CONCLUDED, exchangeSite, pushCase, scanBytes, type ExchangeSite } from './exchange-case.ts';

const MAIN = new URL('../../server/main.ts', import.meta.url).pathname;

let site: ExchangeSite | undefined;
afterEach(async () => {
  await site?.server.close();
  site = undefined;
});

/** Every file under `dir`, whole: the database, its WAL, the blob folder, the key file. */
function filesUnder(dir: string): { path: string; bytes: Buffer }[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((name) => join(dir, name))
    .filter((path) => statSync(path).isFile())
    .map((path) => ({ path, bytes: readFileSync(path) }));
}

/** The personal data a thief looks for, as it would sit in a file or a row. */
function secretsOf(scanMarker: string): string[] {
  return [APPLICANT.name, APPLICANT.idNumber, APPLICANT.phone, scanMarker];
}

function holding(haystack: Buffer, secrets: readonly string[]): string[] {
  return secrets.filter((secret) => haystack.includes(Buffer.from(secret)));
}

/** Starts `node server/main.ts` and resolves with its exit code and what it wrote to stderr. */
function startMain(
  dataDir: string,
  env: Record<string, string>,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [MAIN, '--data-dir', dataDir, '--port', '0', '--region', SERVER_REGION], {
    env: { ...process.env, DATABASE_URL: '', TONGBAN_DATA_KEY: '', TONGBAN_DATA_KEY_FILE: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let [stdout, stderr] = ['', ''];
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
    if (stdout.includes('"event":"serving"')) child.kill('SIGTERM');
  });
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, stdout, stderr })));
}

describe('M5 payloads and scans sealed at rest', () => {
  it('a stolen data folder holds no name, ID number, phone or scan in clear', async () => {
    site = await exchangeSite();
    const pushed = await pushCase(site, CONCLUDED);
    // And a scan cut midway through its upload: its part file waits in the data folder.
    const cut = scanBytes();
    const half = cut.bytes.subarray(0, cut.bytes.length >> 1);
    expect((await site.window3.putChunk(cut.sha256, half, 0, cut.bytes.length)).status).toBe(200);
    expect(readdirSync(join(site.server.dataDir, 'blobs', 'incoming'))).toContain(`${cut.sha256}.part`);
    const secrets = [...secretsOf(pushed.scan.marker), cut.marker];
    for (const { path, bytes } of filesUnder(site.server.dataDir)) {
      expect(holding(bytes, secrets), path).toEqual([]);
    }
  });

  it.skipIf(!process.env.TONGBAN_TEST_DATABASE_URL)(
    'a copy of the PostgreSQL rows holds no name, ID number or phone in clear',
    async () => {
      const schema = await postgresTestSchema();
      const dir = tempDir();
      const store = await PostgresStore.open(schema.url);
      try {
        await store.setRegion(SERVER_REGION);
        const app = await buildServer({ store, dataDir: dir.path, region: SERVER_REGION, identity: TEST_IDENTITY });
        const server = { app, store, dataDir: dir.path, identity: TEST_IDENTITY, close: async () => {} };
        const window3 = await enroll(server, injectTransport(app));
        const taken = newCase();
        await window3.push([taken.received, taken.materials]);
        const { rows } = await store.connections.query<{ row: string }>(
          `SELECT row_to_json(t)::text AS row FROM events t UNION ALL SELECT row_to_json(c)::text FROM cases c`,
        );
        expect(rows.length).toBeGreaterThan(2);
        expect(holding(Buffer.from(rows.map((r) => r.row).join('\n')), secretsOf('-'.repeat(40)))).toEqual([]);
        await app.close();
      } finally {
        await store.close();
        await schema.drop();
        dir.remove();
      }
    },
  );

  it('a device party to the case still pulls the payload and reads the scan as they were sent', async () => {
    site = await exchangeSite();
    const pushed = await pushCase(site, CONCLUDED);
    const page = await site.desk.pull(0);
    const mine = page.events.filter((e) => e.caseId === pushed.caseId);
    expect(mine.map((e) => e.payload)).toEqual(pushed.events.map((e) => e.payload));
    expect(mine.map((e) => e.contentHash)).toEqual(pushed.events.map((e) => e.contentHash));
    const read = await site.desk.request('GET', `/blobs/${pushed.scan.sha256}`);
    expect(read.status).toBe(200);
    expect(read.body.equals(pushed.scan.bytes)).toBe(true);
  });

  it('an altered payload row, or one moved onto another event, is refused on read and not served', async () => {
    site = await exchangeSite();
    const pushed = await pushCase(site, CONCLUDED);
    const rows = atRestRowsOf(site.server.store)!;
    const [received, materials] = pushed.events;
    const stored = async (eventId: string): Promise<string> =>
      JSON.stringify((await site!.server.store.event(eventId))!.payload);
    const original = await stored(materials!.eventId);
    const sealed = JSON.parse(original) as { box: string };
    const box = Buffer.from(sealed.box, 'base64');
    box[box.length - 5]! ^= 0x01;
    expect(
      await rows.replacePayload(
        materials!.eventId,
        original,
        JSON.stringify({ ...sealed, box: box.toString('base64') }),
      ),
    ).toBe(true);
    const altered = await site.desk.request('GET', '/events?after=0');
    expect(altered.status).toBe(500);
    expect(altered.json<{ error: string }>().error).toBe('record_unreadable');
    expect(holding(altered.body, secretsOf(pushed.scan.marker))).toEqual([]);

    // The intact payload of the case.received, put on the materials event: it does not open under another id.
    await rows.replacePayload(materials!.eventId, await stored(materials!.eventId), await stored(received!.eventId));
    const moved = await site.desk.request('GET', '/events?after=0');
    expect(moved.status).toBe(500);
    expect(holding(moved.body, secretsOf(pushed.scan.marker))).toEqual([]);
  });

  it('an altered scan file is refused on read and not served', async () => {
    site = await exchangeSite();
    const pushed = await pushCase(site, CONCLUDED);
    const { sha256 } = pushed.scan;
    const file = join(site.server.dataDir, 'blobs', sha256.slice(0, 2), sha256);
    const bytes = readFileSync(file);
    bytes[bytes.length - 1]! ^= 0x80;
    writeFileSync(file, bytes);
    const read = await site.desk.request('GET', `/blobs/${sha256}`);
    expect(read.status).toBe(500);
    expect(read.json<{ error: string }>().error).toBe('record_unreadable');
  });

  it('a server with another data key cannot open what this one sealed', async () => {
    site = await exchangeSite();
    const pushed = await pushCase(site, CONCLUDED);
    const other = await buildServer({
      identity: TEST_IDENTITY,
      store: site.server.store,
      dataDir: site.server.dataDir,
      region: SERVER_REGION,
      dataKey: keyringOf([randomBytes(32)]),
    });
    try {
      // The same enrolled desk, its requests sent to the server holding the other key.
      const desk = Object.assign(Object.create(Object.getPrototypeOf(site.desk) as object), site.desk, {
        transport: injectTransport(other),
      }) as typeof site.desk;
      expect((await desk.request('GET', '/events?after=0')).status).toBe(500);
      expect((await desk.request('GET', `/blobs/${pushed.scan.sha256}`)).status).toBe(500);
    } finally {
      await other.close();
    }
  });

  it('rows kept in clear before the upgrade are sealed once at start, and still read back', async () => {
    site = await exchangeSite();
    const taken = newCase();
    const raw = site.server.store; // the store under the server: what an earlier server wrote, in clear
    await raw.appendEvents(
      [
        {
          event: taken.received,
          sourceDeviceId: site.window3.deviceId,
          receivedAt: new Date().toISOString(),
          blobs: [],
        },
      ],
      () => ({
        ok: true,
        statusAfter: 1,
        newCase: { intakeRegion: '360430', handlingRegion: SERVER_REGION, matterId: 'KST-SI-004' },
      }),
    );
    expect(JSON.stringify((await raw.event(taken.received.eventId))!.payload)).toContain(APPLICANT.idNumber);
    const start = await prepareAtRest(raw, site.server.dataDir);
    expect(start.sealed.payloads).toBe(1);
    expect(JSON.stringify((await raw.event(taken.received.eventId))!.payload)).not.toContain(APPLICANT.idNumber);
    expect((await prepareAtRest(raw, site.server.dataDir)).sealed.payloads).toBe(0);
    const page = await site.desk.pull(0);
    expect(page.events.find((e) => e.eventId === taken.received.eventId)?.payload).toEqual(taken.received.payload);
  });
});

describe('M5 rotating the server data key', () => {
  it('after a rotation every record opens under the new key alone, and the ciphertext is unchanged', async () => {
    site = await exchangeSite();
    const pushed = await pushCase(site, CONCLUDED);
    const { dataDir, store } = site.server;
    const blob = join(dataDir, 'blobs', pushed.scan.sha256.slice(0, 2), pushed.scan.sha256);
    const before = readFileSync(blob);
    const out: string[] = [];
    const code = await runCommand(
      'rotate-data-key',
      [],
      { 'data-dir': dataDir },
      store,
      {
        out: (line) => out.push(line),
        err: () => {},
      },
      () => TEST_IDENTITY,
    );
    expect(code).toBe(0);
    expect(out.join('\n')).toMatch(/Rewrapped 4 payload\(s\) and 1 scan\(s\)/);
    const after = readFileSync(blob);
    expect(after.subarray(-200).equals(before.subarray(-200))).toBe(true);

    const lines = readFileSync(join(dataDir, DATA_KEY_FILE), 'utf8').trim().split('\n');
    const newest = keyringOf([Buffer.from(lines.at(-1)!, 'base64')]);
    const rotated = await buildServer({
      store,
      dataDir,
      region: SERVER_REGION,
      dataKey: newest,
      identity: TEST_IDENTITY,
    });
    try {
      const desk = Object.assign(Object.create(Object.getPrototypeOf(site.desk) as object), site.desk, {
        transport: injectTransport(rotated),
      }) as typeof site.desk;
      const page = await desk.pull(0);
      expect(page.events.map((e) => e.payload)).toEqual(pushed.events.map((e) => e.payload));
      expect((await desk.request('GET', `/blobs/${pushed.scan.sha256}`)).body.equals(pushed.scan.bytes)).toBe(true);
    } finally {
      await rotated.close();
    }
  });
});

describe('M5 the server data key', () => {
  it('a first start makes the key file, readable by the server user alone, and says so', async () => {
    const dir = tempDir();
    try {
      // Two starts at once: one makes the key, both use it.
      const [loaded, other] = await Promise.all([loadDataKey(dir.path, {}), loadDataKey(dir.path, {})]);
      expect([loaded.created, other.created].filter(Boolean)).toHaveLength(1);
      expect(other.keyring.current.id).toBe(loaded.keyring.current.id);
      expect(statSync(join(dir.path, DATA_KEY_FILE)).mode & 0o777).toBe(0o600);
      const again = await loadDataKey(dir.path, {});
      expect(again.created).toBe(false);
      expect(again.keyring.current.id).toBe(loaded.keyring.current.id);

      const fresh = tempDir();
      try {
        const started = await startMain(fresh.path, {});
        expect(started.stdout).toMatch(/"event":"data_key".*"created":true.*data key made/);
        expect(statSync(join(fresh.path, DATA_KEY_FILE)).mode & 0o777).toBe(0o600);
      } finally {
        fresh.remove();
      }
    } finally {
      dir.remove();
    }
  });

  it('a key file that others may read: the server refuses to start, and says how to fix it', async () => {
    const dir = tempDir();
    try {
      const file = join(dir.path, DATA_KEY_FILE);
      writeFileSync(file, `${randomBytes(32).toString('base64')}\n`);
      chmodSync(file, 0o644);
      const started = await startMain(dir.path, {});
      expect(started.code).toBe(1);
      expect(started.stderr).toContain('chmod 600');
    } finally {
      dir.remove();
    }
  });

  it('a key file named but missing, or a key of the wrong length: the server refuses to start', async () => {
    const dir = tempDir();
    try {
      const missing = await startMain(dir.path, { TONGBAN_DATA_KEY_FILE: join(dir.path, 'nowhere') });
      expect(missing.code).toBe(1);
      expect(missing.stderr).toContain('does not exist');
      const short = await startMain(dir.path, { TONGBAN_DATA_KEY: randomBytes(16).toString('base64') });
      expect(short.code).toBe(1);
      expect(short.stderr).toContain('32 bytes');
    } finally {
      dir.remove();
    }
  });
});
