// Events signed end to end. Every event carries the Ed25519 signature of the
// device that made it over its content hash; the exchange server checks it on
// push, and a receiving device checks it again, against the key the server
// vouches for in a listing signed by the server key, before it applies
// anything. So a server that was broken into can neither slip in an event of
// its own nor change one it holds: the devices refuse both, keep them in
// quarantine with the reason, and apply the rest.
import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import type http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { DatabaseSync } from 'node:sqlite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../shared/auth/permissions.ts';
import type { CaseEvent } from '../../shared/case/events.ts';
import { applyTransition } from '../../shared/case/state-machine.ts';
import { uuidv7 } from '../../shared/case/uuid.ts';
import { deviceKeysSigningText, type DeviceKeysResponse } from '../../shared/sync/device-keys.ts';
import type { Scope, WireEvent } from '../../shared/sync/protocol.ts';
import { contentHash } from '../../shared-node/event-hash.ts';
import { eventSignatureValid, signEventHash, signText } from '../../shared-node/event-signature.ts';
import { buildServer } from '../../server/app.ts';
import { SqliteStore } from '../../server/storage/sqlite.ts';
import { enroll, httpTransport, newCase, tempDir, TEST_IDENTITY, type TestServer } from '../support/server.ts';
import { ANSWER_SIGNATURE_HEADERS, answerSigningString } from '../../shared/sync/answer-signature.ts';
import { SIGNATURE_HEADERS } from '../../shared/sync/protocol.ts';
import { sha256Hex } from '../../shared-node/hash.ts';
import { signAsServer } from '../../shared-node/server-signature.ts';
import {
  addRemoteAt,
  HUANGMEI_DESK,
  call,
  pensionTransfer,
  placeAt,
  setUpDevice,
  staffClient,
  startInProcess,
  until,
  withDb,
  type ListeningServer,
  type Place,
} from '../integration/harness.ts';

const WINDOW: Scope = { kind: 'intake', regionCode: '360430', matterIds: [] };
const DESKS: Scope = { kind: 'acceptance', regionCode: '421127', matterIds: [] };
const DESK = HUANGMEI_DESK;

/** The server on an SQLite file the attacker can write to, as someone who broke into the server can. */
async function serverOnFile(): Promise<ListeningServer & { dbFile: string }> {
  const dir = tempDir();
  const dbFile = `${dir.path}/server.db`;
  const store = SqliteStore.open(dbFile);
  await store.setRegion('421127');
  const app = await buildServer({ store, dataDir: dir.path, region: '421127', identity: TEST_IDENTITY });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const { port } = app.server.address() as AddressInfo;
  const server: TestServer = {
    app,
    store,
    dataDir: dir.path,
    identity: TEST_IDENTITY,
    async close() {
      await app.close();
      await store.close();
      dir.remove();
    },
  };
  return Object.assign(server, { port, url: `https://127.0.0.1:${port}`, dbFile });
}

/** The types of a case's events as the server's store holds them. */
function storedTypes(file: string, caseId: string): string[] {
  const db = new DatabaseSync(file, { timeout: 5000, readOnly: true });
  try {
    return (
      db.prepare('SELECT type FROM events WHERE case_id = ? ORDER BY server_seq').all(caseId) as { type: string }[]
    ).map((row) => row.type);
  } finally {
    db.close();
  }
}

const attacker: KeyObject = generateKeyPairSync('ed25519').privateKey;

function serverDeviceId(place: Place): string {
  return withDb(place.device.dbFile, (db) => {
    const row = db.prepare('SELECT server_device_id FROM remotes WHERE server_device_id IS NOT NULL').get() as {
      server_device_id: string;
    };
    return row.server_device_id;
  });
}

/**
 * An event the attacker writes into the server's store, past every check the
 * server makes of a push: in the name of `origin`, with a content hash that
 * matches its content, signed with `key` (or not at all).
 */
async function insertEvent(
  server: TestServer,
  caseId: string,
  origin: string,
  type: CaseEvent['type'],
  role: Role,
  payload: unknown,
  key: KeyObject | null,
): Promise<WireEvent> {
  const content: CaseEvent = {
    eventId: uuidv7(),
    caseId,
    type,
    payload,
    actor: { userId: 'officer-1', role },
    deviceId: 'desk-local-id',
    occurredAt: new Date().toISOString(),
  };
  const event: WireEvent = { ...content, contentHash: contentHash(content), blobs: [] };
  const current = await server.store.caseRecord(caseId);
  const step = applyTransition(current!.status, type, [role]);
  if (!step.ok) throw new Error(`the insert needs a transition the case allows, not ${type}`);
  const result = await server.store.appendEvent(
    {
      event,
      sourceDeviceId: origin,
      receivedAt: new Date().toISOString(),
      blobs: [],
      ...(key ? { signature: signEventHash(key, event.contentHash) } : {}),
    },
    () => ({ ok: true, statusAfter: step.status }),
  );
  expect(result.status).toBe('accepted');
  return event;
}

const types = (place: Place, caseId: string) =>
  call(place.staff, 'cases.get', { caseId }).then((detail) => detail.timeline.map((e) => e.type));

describe('M4 events signed end to end', () => {
  let server: ListeningServer & { dbFile: string };
  let window: Place;
  let desk: Place;
  const cases: Record<'forged' | 'unsigned' | 'altered' | 'untouched', string> = {
    forged: '',
    unsigned: '',
    altered: '',
    untouched: '',
  };

  beforeAll(async () => {
    server = await serverOnFile();
    window = await placeAt(server, undefined, ['intake_clerk'], WINDOW);
    desk = await placeAt(server, DESK, ['handling_officer'], DESKS);
    for (const name of Object.keys(cases) as (keyof typeof cases)[]) {
      cases[name] = (await call(window.staff, 'intake.submit', pensionTransfer())).caseId;
    }
    // The desk signs for one case: a real decision, made and signed on the desk.
    await until(
      () => desk.staff.request('cases.get', { caseId: cases.altered }),
      (r) => r.ok,
      'the case at the desk',
    );
    await call(desk.staff, 'cases.record', {
      caseId: cases.altered,
      type: 'case.signed_for',
      payload: { part: 'electronic' },
    } as never);
    await until(
      async () => storedTypes(server.dbFile, cases.altered),
      (stored) => stored.includes('case.signed_for'),
      'the signing for on the server',
    );
  }, 60_000);
  afterAll(async () => {
    for (const place of [window, desk]) await place?.device.stop();
    await server?.close();
  });

  it('a compromised server inserts events and alters another: a new desk refuses them and applies the rest', async () => {
    const deskId = serverDeviceId(desk);
    // Inserted in the desk's name: signed with another key, and not signed at all.
    await insertEvent(
      server,
      cases.forged,
      deskId,
      'case.accepted',
      'handling_officer',
      { acceptanceNo: 'X-1' },
      attacker,
    );
    await insertEvent(
      server,
      cases.unsigned,
      deskId,
      'case.accepted',
      'handling_officer',
      { acceptanceNo: 'X-2' },
      null,
    );
    // Altered where it is kept: the signing for's note changed, and its hash recomputed to match.
    const db = new DatabaseSync(server.dbFile, { timeout: 5000 });
    try {
      const row = db
        .prepare("SELECT event_id, payload FROM events WHERE case_id = ? AND type = 'case.signed_for'")
        .get(cases.altered) as { event_id: string; payload: string };
      const stored = (await server.store.event(row.event_id))!;
      const altered = { ...stored, payload: { part: 'originals', note: '已收到原件。' } };
      db.prepare('UPDATE events SET payload = ?, content_hash = ? WHERE event_id = ?').run(
        JSON.stringify(altered.payload),
        contentHash(altered),
        row.event_id,
      );
    } finally {
      db.close();
    }

    // A desk enrolled now takes the region's cases from the start.
    const newcomer = await placeAt(server, { ...DESK, windowNo: '02' }, ['handling_officer'], DESKS);
    try {
      const quarantine = await until(
        () => call(newcomer.staff, 'sync.quarantine', {}),
        (entries) => entries.length >= 3,
        'the refused events in quarantine',
      );
      const reasons = Object.fromEntries(quarantine.map((entry) => [entry.caseId, entry.reason]));
      expect(reasons).toEqual({
        [cases.forged]: 'forged_signature',
        [cases.unsigned]: 'unsigned_event',
        [cases.altered]: 'forged_signature',
      });
      // The good events of every case are applied; the refused ones touch nothing.
      await until(
        () => types(newcomer, cases.untouched),
        (t) => t.length === 2,
        'the untouched case',
      );
      for (const caseId of [cases.forged, cases.unsigned, cases.altered, cases.untouched]) {
        expect(await types(newcomer, caseId)).toEqual(['case.received', 'case.materials_checked']);
        expect((await call(newcomer.staff, 'cases.get', { caseId })).row.status).toBe(1);
      }
      // Nothing of them reached the case's own record either.
      const applied = withDb(newcomer.device.dbFile, (device) =>
        device
          .prepare("SELECT count(*) AS n FROM case_events WHERE type IN ('case.accepted', 'case.signed_for')")
          .get(),
      );
      expect(applied).toEqual({ n: 0 });
    } finally {
      await newcomer.device.stop();
    }
  }, 60_000);

  it('a compromised server inserts an event into the window’s own case: the window refuses it', async () => {
    // Written straight into the store, the event woke no long-poll: the window asks now.
    await call(window.staff, 'sync.now', {});
    const entries = await until(
      () => call(window.staff, 'sync.quarantine', {}).catch(() => []),
      (found) => found.some((entry) => entry.caseId === cases.forged),
      'the forged decision in the window’s quarantine',
    );
    expect(entries.find((entry) => entry.caseId === cases.forged)?.reason).toBe('forged_signature');
    const detail = await call(window.staff, 'cases.get', { caseId: cases.forged });
    expect(detail.timeline.map((e) => e.type)).not.toContain('case.accepted');
  });

  it('a pushed event with a bad or missing signature is refused by the server with its reason code', async () => {
    const device = await enroll(server, httpTransport(server.url, TEST_IDENTITY.certificatePem), WINDOW);
    const one = newCase();
    const results = await device.push([
      { ...one.received, signature: signEventHash(attacker, one.received.contentHash) },
      { ...one.materials, signature: undefined },
    ]);
    expect(results).toMatchObject([
      { status: 'refused', reason: 'bad_signature' },
      { status: 'refused', reason: 'bad_signature' },
    ]);
    expect(await server.store.caseRecord(one.caseId)).toBeNull();
    // Signed with its own key, the same events are taken.
    expect((await device.push([one.received, one.materials])).map((r) => r.status)).toEqual(['accepted', 'accepted']);
  });

  it('a forged device-key listing is refused whole: the device applies nothing on its word', async () => {
    // A front end that terminates the link — it holds the TLS certificate and its key, as a region's load
    // balancer does, so it can sign answers — lists the attacker's key for the desk. The key that vouches for
    // device keys stays with the exchange server, so the front end signs the listing with a key of its own.
    let forging = true;
    const upstream = new https.Agent({ ca: TEST_IDENTITY.certificatePem, keepAlive: true });
    const proxy = https.createServer({ cert: TEST_IDENTITY.certificatePem, key: TEST_IDENTITY.keyPem });
    proxy.on('request', (request: http.IncomingMessage, response: http.ServerResponse) => {
      const forward = https.request(
        {
          host: '127.0.0.1',
          port: server.port,
          method: request.method,
          path: request.url,
          headers: request.headers,
          agent: upstream,
        },
        (answer) => {
          const chunks: Buffer[] = [];
          answer.on('data', (chunk: Buffer) => chunks.push(chunk));
          answer.once('end', () => {
            let body = Buffer.concat(chunks);
            const status = answer.statusCode ?? 502;
            if (forging && request.url!.startsWith('/v1/device-keys') && status === 200) {
              const listing = JSON.parse(body.toString()) as DeviceKeysResponse;
              const attackerKey = generateKeyPairSync('ed25519').publicKey;
              const devices = listing.devices.map((d) => ({
                ...d,
                publicKey: attackerKey.export({ format: 'der', type: 'spki' }).toString('base64'),
              }));
              const forged = { ...listing, devices };
              body = Buffer.from(
                JSON.stringify({ ...forged, signature: signText(attacker, deviceKeysSigningText(forged)) }),
              );
            }
            const nonce = request.headers[SIGNATURE_HEADERS.nonce];
            const headers: http.OutgoingHttpHeaders = {
              ...answer.headers,
              'content-length': String(body.length),
              [ANSWER_SIGNATURE_HEADERS.signature]: signAsServer(
                TEST_IDENTITY.privateKey,
                answerSigningString(typeof nonce === 'string' ? nonce : '', status, sha256Hex(body)),
              ),
            };
            response.writeHead(status, headers);
            response.end(body);
          });
        },
      );
      forward.once('error', () => response.destroy());
      request.pipe(forward);
    });
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    const proxyUrl = `https://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
    const third = await placeAt({ ...server, url: proxyUrl }, { ...DESK, windowNo: '03' }, ['handling_officer'], DESKS);
    try {
      const refused = await until(
        () => call(third.staff, 'sync.status', {}),
        (remotes) => remotes.some((r) => r.lastError?.includes('device-key listing was refused') ?? false),
        'the forged listing refused',
      );
      expect(refused[0]!.lastError).toMatch(/signature is not the server key/);
      expect((await call(third.staff, 'cases.list', {})).rows).toEqual([]);
      expect(
        withDb(third.device.dbFile, (db) => db.prepare('SELECT count(*) AS n FROM party_device_keys').get()),
      ).toEqual({ n: 0 });

      // With the true listing the same events are taken, and the refused ones still refused.
      forging = false;
      await call(third.staff, 'sync.now', {});
      await until(
        () => third.staff.request('cases.get', { caseId: cases.untouched }),
        (found) => found.ok,
        'the untouched case at the third desk',
      );
      expect((await call(third.staff, 'cases.get', { caseId: cases.untouched })).row.status).toBe(1);
    } finally {
      await third.device.stop();
      proxy.closeAllConnections();
      upstream.destroy();
      await new Promise((resolve) => proxy.close(resolve));
    }
  }, 60_000);

  it('an event recorded before events were signed is signed as it goes out and taken', async () => {
    const device = startInProcess();
    try {
      const { admin } = await setUpDevice(device);
      const clerk = await staffClient(device, admin, ['intake_clerk']);
      const { caseId } = await call(clerk, 'intake.submit', pensionTransfer());
      // As an upgraded device holds it: recorded unsigned, waiting in the outbox.
      withDb(device.dbFile, (db) =>
        db.prepare('UPDATE case_events SET signature = NULL WHERE case_id = ?').run(caseId),
      );
      await addRemoteAt(server, admin, WINDOW);
      await until(
        () => server.store.caseRecord(caseId),
        (found) => found !== null,
        'the case on the server',
      );
      const key = withDb(device.dbFile, (db) => db.prepare('SELECT public_key FROM device_key').get()) as {
        public_key: string;
      };
      const signed = withDb(device.dbFile, (db) =>
        db.prepare('SELECT event_id, content_hash, signature FROM case_events WHERE case_id = ?').all(caseId),
      ) as { event_id: string; content_hash: string; signature: string }[];
      expect(signed).toHaveLength(2);
      for (const event of signed) {
        expect(eventSignatureValid(key.public_key, event.content_hash, event.signature)).toBe(true);
        expect((await server.store.event(event.event_id))?.signature).toBe(event.signature);
      }
    } finally {
      await device.stop();
    }
  });
});
