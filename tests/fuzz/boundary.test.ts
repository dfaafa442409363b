// Bad input at the boundaries: generated malformed,
// oversized, truncated and type-confused payloads at every server route and
// at the device's RPC. No answer may be a 5xx or a crash, none may hang, and
// nothing malformed may be written.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  enroll,
  injectTransport,
  newCase,
  startServer,
  type Answer,
  type TestDevice,
  type TestServer,
  type Transport,
} from '../support/server.ts';
import { randomBytes } from 'node:crypto';
import { createBackend, type Backend } from '../../electron/backend/backend.ts';
import { LATEST_SCHEMA_VERSION } from '../../electron/backend/store/migrations/index.ts';
import { methods } from '../../shared/rpc/contract.ts';
import { responseFrame } from '../../shared/rpc/framing.ts';
import { PROTOCOL_PREFIX } from '../../shared/sync/protocol.ts';
import {
  call,
  channelPair,
  countRows,
  createUser,
  login,
  setUpDevice,
  tempDataDir,
  type Connectable,
} from '../integration/harness.ts';
import { RpcClient } from '../../shared/rpc/client.ts';

let server: TestServer;
let transport: Transport;
let device: TestDevice;

beforeAll(async () => {
  // No rate limit here: every generated request must reach the validators.
  server = await startServer({ rateLimit: { capacity: 1e9, perSecond: 1e9 } });
  transport = injectTransport(server.app);
  device = await enroll(server, transport);
});
afterAll(async () => {
  await server.close();
  expect(payloads, 'generated payloads this run').toBeGreaterThanOrEqual(10_000);
});

const RUNS = {
  pushJson: 2500,
  confused: 1500,
  truncated: 800,
  enroll: 1000,
  pull: 800,
  blobs: 700,
  headers: 500,
  deviceRpc: 2500,
  deviceFrames: 500,
} as const;

let payloads = 0;
function counted(): void {
  payloads += 1;
}

async function nothingWritten(work: () => Promise<void>): Promise<void> {
  const before = await server.store.stats();
  await work();
  expect(await server.store.stats()).toEqual(before);
}

function noServerError(answer: Answer): void {
  expect(answer.status, answer.body.toString().slice(0, 200)).toBeLessThan(500);
}

/** A valid event with one field somewhere replaced by something else. */
const confusedEvent = fc
  .tuple(
    fc.constantFrom('received', 'materials'),
    fc.array(fc.string({ maxLength: 12 }), { minLength: 1, maxLength: 3 }),
    fc.anything(),
  )
  .map(([which, path, value]) => {
    const made = newCase();
    const event = structuredClone(which === 'received' ? made.received : made.materials) as Record<string, unknown>;
    let node: Record<string, unknown> = event;
    // Only the event's own fields: never this process's prototypes.
    for (const key of path.slice(0, -1)) {
      const next = Object.hasOwn(node, key) ? node[key] : undefined;
      if (typeof next !== 'object' || next === null) break;
      node = next as Record<string, unknown>;
    }
    Object.defineProperty(node, path.at(-1)!, { value, enumerable: true, configurable: true, writable: true });
    return event;
  });

describe('the exchange server at its boundary', () => {
  it('answers any JSON sent as a push without a 5xx, and writes nothing that is not a valid event', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(fc.jsonValue(), fc.record({ events: fc.array(fc.jsonValue(), { maxLength: 5 }) })),
        async (body) => {
          counted();
          await nothingWritten(async () => {
            const answer = await device.request('POST', '/events', JSON.stringify(body));
            noServerError(answer);
          });
        },
      ),
      { numRuns: RUNS.pushJson },
    );
  });

  it('refuses type-confused events one by one, without a 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(confusedEvent, async (event) => {
        counted();
        const answer = await device.request('POST', '/events', JSON.stringify({ events: [event] }));
        noServerError(answer);
        if (answer.status === 200) {
          const [result] = answer.json<{ results: { status: string }[] }>().results;
          expect(['accepted', 'duplicate', 'refused']).toContain(result?.status);
        }
      }),
      { numRuns: RUNS.confused },
    );
  });

  it('answers truncated and garbage bodies, oversized ones included, without a 5xx or a write', async () => {
    const valid = JSON.stringify({ events: [newCase().received] });
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.nat({ max: valid.length - 1 }).map((n) => valid.slice(0, n)),
          fc.string({ maxLength: 300 }),
          fc.uint8Array({ maxLength: 300 }).map((bytes) => Buffer.from(bytes).toString('latin1')),
          fc.constant(`{"events":[${'"x",'.repeat(700_000)}"x"]}`),
        ),
        async (body) => {
          counted();
          await nothingWritten(async () => noServerError(await device.request('POST', '/events', body)));
        },
      ),
      { numRuns: RUNS.truncated },
    );
  });

  it('answers any enrollment attempt without a 5xx, and enrolls nobody', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.jsonValue(), fc.string({ maxLength: 200 })), async (body) => {
        counted();
        await nothingWritten(async () => {
          const answer = await transport({
            method: 'POST',
            url: `${PROTOCOL_PREFIX}/enroll`,
            headers: { 'content-type': 'application/json' },
            body: typeof body === 'string' ? body : JSON.stringify(body),
          });
          noServerError(answer);
          expect(answer.status).toBeGreaterThanOrEqual(400);
        });
      }),
      { numRuns: RUNS.enroll },
    );
  });

  it('answers any pull query without a 5xx or a hang', async () => {
    const part = fc.oneof(fc.integer(), fc.string({ maxLength: 12 }), fc.constant(''));
    await fc.assert(
      fc.asyncProperty(part, part, async (after, limit) => {
        counted();
        const query = new URLSearchParams({ after: String(after), limit: String(limit), wait: '0' });
        noServerError(await device.request('GET', `/events?${query}`));
      }),
      { numRuns: RUNS.pull },
    );
  });

  it('answers any blob chunk, range and name without a 5xx, and keeps no unverified blob', async () => {
    const name = fc.oneof(fc.stringMatching(/^[0-9a-f]{64}$/), fc.string({ maxLength: 70 }).map(encodeURIComponent));
    const range = fc.oneof(
      fc
        .tuple(fc.integer({ min: -5, max: 50 }), fc.integer({ min: -5, max: 50 }), fc.integer({ min: -5, max: 60 }))
        .map(([a, b, c]) => `bytes ${a}-${b}/${c}`),
      fc.string({ maxLength: 30 }),
    );
    await fc.assert(
      fc.asyncProperty(name, range, fc.uint8Array({ maxLength: 64 }), async (sha, contentRange, bytes) => {
        counted();
        const blobsBefore = (await server.store.stats()).blobs;
        noServerError(
          await device.request('PUT', `/blobs/${sha}`, Buffer.from(bytes), {
            headers: { 'content-range': contentRange },
          }),
        );
        noServerError(await device.request('HEAD', `/blobs/${sha}`));
        noServerError(await device.request('GET', `/blobs/${sha}/status`));
        expect((await server.store.stats()).blobs).toBe(blobsBefore);
      }),
      { numRuns: RUNS.blobs },
    );
  });

  it('refuses requests with missing, forged or garbage signature headers', async () => {
    const header = fc.option(fc.string({ maxLength: 60 }), { nil: undefined });
    await fc.assert(
      fc.asyncProperty(header, header, header, header, async (deviceId, timestamp, nonce, signature) => {
        counted();
        const headers = Object.fromEntries(
          Object.entries({
            'x-tongban-device': deviceId,
            'x-tongban-timestamp': timestamp,
            'x-tongban-nonce': nonce,
            'x-tongban-signature': signature,
          }).filter(([, v]) => v !== undefined && /^[\t\x20-\x7e]*$/.test(v)),
        ) as Record<string, string>;
        const answer = await transport({ method: 'GET', url: `${PROTOCOL_PREFIX}/events?after=0`, headers });
        expect(answer.status).toBe(401);
      }),
      { numRuns: RUNS.headers },
    );
  });
});

describe('the device backend at its RPC boundary', () => {
  let dataDir: string;
  let backend: Backend;
  let connectable: Connectable;
  const tokens: (string | undefined)[] = [undefined, 'not-a-session'];

  beforeAll(async () => {
    dataDir = tempDataDir();
    backend = createBackend({ dataDir, appVersion: 'fuzz', masterKey: randomBytes(32) });
    connectable = {
      async connect(token) {
        const [server, client] = channelPair();
        backend.connect(server);
        const rpc = new RpcClient({ callTimeoutMs: 10_000 });
        rpc.attach(client);
        if (token) rpc.setSession(token);
        return rpc;
      },
    };
    const { admin, info } = await setUpDevice(connectable);
    const clerk = await login(connectable, await createUser(admin, ['intake_clerk']));
    tokens.push(info.token, clerk.info.token);
  });
  afterAll(() => backend.close());

  it('answers any call, by any caller, with a typed answer and never a crash, writing nothing', async () => {
    const before = countRows(`${dataDir}/tongban.sqlite`);
    const method = fc.oneof(fc.constantFrom(...Object.keys(methods)), fc.string({ maxLength: 30 }));
    await fc.assert(
      fc.asyncProperty(method, fc.anything(), fc.constantFrom(...tokens), async (name, params, token) => {
        counted();
        const client = await connectable.connect(token);
        const result = await client.requestRaw(name, params);
        if (!result.ok) expect(result.error.code).not.toBe('INTERNAL');
        client.detach();
      }),
      { numRuns: RUNS.deviceRpc },
    );
    expect(countRows(`${dataDir}/tongban.sqlite`)).toEqual(before);
    // Still serving.
    await expect(call(await connectable.connect(), 'system.health', {})).resolves.toMatchObject({
      schemaVersion: LATEST_SCHEMA_VERSION,
    });
  });

  it('answers any text that is not a frame with a typed error, never a crash', async () => {
    const [server, client] = channelPair();
    backend.connect(server);
    let answer: (text: string) => void = () => undefined;
    client.onMessage((text) => answer(text));
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.string({ maxLength: 200 }),
          fc.jsonValue().map((v) => JSON.stringify(v)),
        ),
        async (text) => {
          counted();
          const reply = new Promise<string>((resolve) => (answer = resolve));
          client.send(text);
          const frame = responseFrame.parse(JSON.parse(await reply));
          if (!frame.ok) expect(frame.error.code).not.toBe('INTERNAL');
        },
      ),
      { numRuns: RUNS.deviceFrames },
    );
  });
});
