import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { enrollResponse, MAX_CLOCK_SKEW_MS, SIGNATURE_HEADERS } from '../shared/sync/protocol.ts';
import { issueEnrollmentCode } from './enrollment.ts';
import {
  enroll,
  injectTransport,
  INTAKE_REGION,
  newKeys,
  SERVER_REGION,
  signedHeaders,
  startServer,
  TestDevice,
  type TestServer,
  type Transport,
} from '../tests/support/server.ts';

let server: TestServer;
let transport: Transport;

beforeEach(async () => {
  server = await startServer();
  transport = injectTransport(server.app);
});
afterEach(async () => server.close());

function postEnroll(body: unknown) {
  return transport({
    method: 'POST',
    url: '/v1/enroll',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

describe('enrollment', () => {
  it('gives a device id and the scope the code was made for; the code works once', async () => {
    const scope = { kind: 'acceptance' as const, regionCode: SERVER_REGION, matterIds: ['KST-SI-004'] };
    const { code } = await issueEnrollmentCode(server.store, scope);
    const keys = newKeys();
    const answer = await postEnroll({ code, publicKey: keys.publicKey, deviceName: '黄梅县社保局 受理台' });
    expect(answer.status).toBe(200);
    const body = enrollResponse.parse(answer.json());
    expect(body.scope).toEqual(scope);
    expect(body.serverRegion).toBe(SERVER_REGION);
    expect(await server.store.device(body.deviceId)).toMatchObject({ publicKey: keys.publicKey, scope });

    const again = await postEnroll({ code, publicKey: newKeys().publicKey, deviceName: 'second' });
    expect(again.status).toBe(403);
    expect(again.json()).toMatchObject({ error: 'used_code' });
    expect(await server.store.devices()).toHaveLength(1);
  });

  it('takes the code however it is typed: lower case, without dashes', async () => {
    const { code } = await issueEnrollmentCode(server.store, {
      kind: 'intake',
      regionCode: INTAKE_REGION,
      matterIds: [],
    });
    const typed = code.toLowerCase().replaceAll('-', ' ');
    expect((await postEnroll({ code: typed, publicKey: newKeys().publicKey, deviceName: 'w' })).status).toBe(200);
  });

  it('refuses an unknown code, a key that is not Ed25519, and a malformed request', async () => {
    const unknown = await postEnroll({ code: 'AAAA-BBBB-CCCC', publicKey: newKeys().publicKey, deviceName: 'w' });
    expect(unknown.status).toBe(403);
    expect(unknown.json()).toMatchObject({ error: 'unknown_code' });

    const { code } = await issueEnrollmentCode(server.store, {
      kind: 'intake',
      regionCode: INTAKE_REGION,
      matterIds: [],
    });
    const notAKey = await postEnroll({ code, publicKey: Buffer.alloc(44, 1).toString('base64'), deviceName: 'w' });
    expect(notAKey.status).toBe(400);
    expect(notAKey.json()).toMatchObject({ error: 'invalid_request' });
    // The code was not spent on a bad request.
    expect((await postEnroll({ code, publicKey: newKeys().publicKey, deviceName: 'w' })).status).toBe(200);

    expect((await postEnroll({ code: 1 })).status).toBe(400);
    const notJson = await transport({
      method: 'POST',
      url: '/v1/enroll',
      headers: { 'content-type': 'application/json' },
      body: '{"code": "张三',
    });
    expect(notJson.status).toBe(400);
    expect(notJson.json()).toEqual({ error: 'invalid_request', message: 'The body is not JSON.' });
  });

  it('refuses every request of a revoked device', async () => {
    const device = await enroll(server, transport);
    expect((await device.request('GET', '/catalog')).status).toBe(200);
    await server.store.revokeDevice(device.deviceId, new Date().toISOString());
    const answer = await device.request('GET', '/catalog');
    expect(answer.status).toBe(401);
    expect(answer.json()).toMatchObject({ error: 'revoked' });
  });
});

describe('signed requests', () => {
  let device: TestDevice;
  beforeEach(async () => {
    device = await enroll(server, transport);
  });

  async function refusal(answer: Promise<{ status: number; json(): unknown }>): Promise<unknown> {
    const result = await answer;
    expect(result.status).toBe(401);
    return (result.json() as { error: string }).error;
  }

  it('accepts a correctly signed request', async () => {
    expect((await device.request('GET', '/catalog')).status).toBe(200);
    expect((await device.pull(0)).events).toEqual([]);
  });

  it('refuses an unsigned request', async () => {
    expect(await refusal(transport({ method: 'GET', url: '/v1/catalog', headers: {} }))).toBe('unsigned');
    const partial = signedHeaders(device.key, device.deviceId, 'GET', '/v1/catalog', '');
    delete partial[SIGNATURE_HEADERS.nonce];
    expect(await refusal(transport({ method: 'GET', url: '/v1/catalog', headers: partial }))).toBe('unsigned');
  });

  it('refuses a signature made with another key', async () => {
    const other = new TestDevice(transport, device.deviceId, newKeys().privateKey, device.scope);
    expect(await refusal(other.request('GET', '/catalog'))).toBe('bad_signature');
  });

  it('refuses a tampered body, path or method', async () => {
    const body = JSON.stringify({ events: [{ eventId: 'x' }] });
    const headers = {
      ...signedHeaders(device.key, device.deviceId, 'POST', '/v1/events', body),
      'content-type': 'application/json',
    };
    const tampered = body.replace('"x"', '"y"');
    expect(await refusal(transport({ method: 'POST', url: '/v1/events', headers, body: tampered }))).toBe(
      'bad_signature',
    );
    const get = signedHeaders(device.key, device.deviceId, 'GET', '/v1/events?after=0', '');
    expect(await refusal(transport({ method: 'GET', url: '/v1/events?after=5', headers: get }))).toBe('bad_signature');
    const head = signedHeaders(device.key, device.deviceId, 'HEAD', `/v1/blobs/${'a'.repeat(64)}`, '');
    const asGet = transport({ method: 'GET', url: `/v1/blobs/${'a'.repeat(64)}/status`, headers: head });
    expect(await refusal(asGet)).toBe('bad_signature');
  });

  it('refuses stale and future timestamps', async () => {
    const late = Date.now() - MAX_CLOCK_SKEW_MS - 5000;
    const early = Date.now() + MAX_CLOCK_SKEW_MS + 5000;
    expect(await refusal(device.request('GET', '/catalog', '', { at: late }))).toBe('stale_timestamp');
    expect(await refusal(device.request('GET', '/catalog', '', { at: early }))).toBe('stale_timestamp');
    expect((await device.request('GET', '/catalog', '', { at: Date.now() - MAX_CLOCK_SKEW_MS + 5000 })).status).toBe(
      200,
    );
  });

  it('refuses a replayed nonce, even on another route', async () => {
    const nonce = 'replayed-nonce-0001';
    expect((await device.request('GET', '/catalog', '', { nonce })).status).toBe(200);
    const headers = signedHeaders(device.key, device.deviceId, 'GET', '/v1/catalog', '', { nonce });
    expect(await refusal(transport({ method: 'GET', url: '/v1/catalog', headers }))).toBe('replayed_nonce');
    expect(await refusal(device.request('GET', '/events?after=0', '', { nonce }))).toBe('replayed_nonce');
  });

  it('refuses an unknown device', async () => {
    const stranger = new TestDevice(transport, 'no-such-device', newKeys().privateKey, device.scope);
    expect(await refusal(stranger.request('GET', '/catalog'))).toBe('unknown_device');
  });

  it('does not spend a nonce on a request whose signature fails', async () => {
    const nonce = 'nonce-of-the-real-device';
    const forger = new TestDevice(transport, device.deviceId, newKeys().privateKey, device.scope);
    expect(await refusal(forger.request('GET', '/catalog', '', { nonce }))).toBe('bad_signature');
    expect((await device.request('GET', '/catalog', '', { nonce })).status).toBe(200);
  });

  it('records when a device was last seen', async () => {
    await device.request('GET', '/catalog');
    expect((await server.store.device(device.deviceId))?.lastSeenAt).not.toBeNull();
  });
});
