// /v1/anchors on a real store: a day's anchor is kept once, signed by the
// key the device enrolled with; another head for that day is refused and the
// server's copy stays as it was; the highest day anchored only rises.
import { sign, type KeyObject } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { anchorListResponse, anchorSigningText, type Anchor } from '../shared/sync/protocol.ts';
import { newKeys } from '../bench/support/exchange-samples.ts';
import { enroll, injectTransport, startServer, type TestDevice, type TestServer } from '../tests/support/server.ts';

let server: TestServer;
let window: TestDevice;
let other: TestDevice;

beforeEach(async () => {
  server = await startServer();
  const transport = injectTransport(server.app);
  window = await enroll(server, transport, {}, 'window');
  other = await enroll(server, transport, {}, 'other window');
});
afterEach(async () => server.close());

function anchor(day: string, head: string, key: KeyObject, events = 3): Anchor {
  const body = {
    day,
    chainHead: head.repeat(64).slice(0, 64),
    events,
    auditSeq: 7,
    auditHead: 'e'.repeat(64),
    deviceId: 'local-device-1',
  };
  return { ...body, signature: sign(null, Buffer.from(anchorSigningText(body)), key).toString('base64') };
}

async function push(device: TestDevice, anchors: Anchor[]) {
  const answer = await device.request('POST', '/anchors', JSON.stringify({ anchors }));
  expect(answer.status).toBe(200);
  return answer.json<{ results: unknown[] }>().results;
}

async function list(device: TestDevice, query = '') {
  const answer = await device.request('GET', `/anchors${query}`);
  expect(answer.status).toBe(200);
  return anchorListResponse.parse(answer.json());
}

describe('anchors', () => {
  it("keeps a day's anchor once and gives a device back its own, with the key it is checked against", async () => {
    const monday = anchor('2026-11-23', 'a', window.key);
    const tuesday = anchor('2026-11-24', 'b', window.key);
    expect(await push(window, [monday, tuesday])).toEqual([
      { day: '2026-11-23', status: 'accepted' },
      { day: '2026-11-24', status: 'accepted' },
    ]);
    expect(await push(window, [monday])).toEqual([{ day: '2026-11-23', status: 'duplicate' }]);
    const mine = await list(window);
    expect(mine.highestDay).toBe('2026-11-24');
    expect(mine.anchors.map(({ receivedAt: _, ...a }) => a)).toEqual([monday, tuesday]);
    expect(mine.publicKey).toBe((await server.store.device(window.deviceId))!.publicKey);
    expect((await list(window, '?from=2026-11-24&to=2026-11-30')).anchors.map((a) => a.day)).toEqual(['2026-11-24']);
    // Another device sees none of them.
    expect(await list(other)).toMatchObject({ highestDay: null, anchors: [] });
  });

  it('refuses an anchor not signed by the enrolled key, and keeps nothing of it', async () => {
    const forged = anchor('2026-11-23', 'a', newKeys().privateKey);
    expect(await push(window, [forged])).toEqual([{ day: '2026-11-23', status: 'refused', reason: 'bad_signature' }]);
    // Nor may one device's anchor be pushed as another's.
    expect(await push(other, [anchor('2026-11-23', 'a', window.key)])).toEqual([
      { day: '2026-11-23', status: 'refused', reason: 'bad_signature' },
    ]);
    expect(await list(window)).toMatchObject({ highestDay: null, anchors: [] });
  });

  it('refuses another head for a day already anchored; the first stays, and the highest day never falls', async () => {
    const first = anchor('2026-11-24', 'a', window.key);
    await push(window, [first]);
    const rewritten = anchor('2026-11-24', 'c', window.key, 2);
    expect(await push(window, [rewritten, anchor('2026-11-20', 'd', window.key)])).toEqual([
      { day: '2026-11-24', status: 'refused', reason: 'day_rewritten' },
      { day: '2026-11-20', status: 'accepted' },
    ]);
    const kept = await list(window);
    expect(kept.anchors.find((a) => a.day === '2026-11-24')).toMatchObject({ chainHead: first.chainHead, events: 3 });
    expect(kept.highestDay).toBe('2026-11-24');
  });

  it('refuses a malformed anchor as a whole request', async () => {
    const answer = await window.request('POST', '/anchors', JSON.stringify({ anchors: [{ day: 'monday' }] }));
    expect(answer.status).toBe(400);
  });
});
