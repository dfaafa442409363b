import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SEED_CALENDAR, SEED_CATALOG } from '../shared/catalog/index.ts';
import { catalogResponse, pullResponse } from '../shared/sync/protocol.ts';
import {
  enroll,
  injectTransport,
  newCase,
  SERVER_REGION,
  startServer,
  type TestDevice,
  type TestServer,
} from '../tests/support/server.ts';

let server: TestServer;
let windowA: TestDevice;
let windowB: TestDevice;
let desk: TestDevice;

beforeEach(async () => {
  server = await startServer();
  const transport = injectTransport(server.app);
  windowA = await enroll(server, transport, {}, 'window A');
  windowB = await enroll(server, transport, {}, 'window B');
  desk = await enroll(server, transport, { kind: 'acceptance', regionCode: SERVER_REGION });
});
afterEach(async () => server.close());

const ids = (page: { events: { eventId: string }[] }): string[] => page.events.map((e) => e.eventId);

describe('pull', () => {
  it('gives each device the events of the cases it is party to, after its cursor', async () => {
    const a = newCase();
    const b = newCase();
    await windowA.push([a.received]);
    await windowB.push([b.received, b.materials]);
    await windowA.push([a.materials]);

    const ofA = await windowA.pull(0);
    expect(pullResponse.parse(ofA)).toBeTruthy();
    expect(ids(ofA)).toEqual([a.received.eventId, a.materials.eventId]);
    expect(ofA.events[0]).toMatchObject({
      ...a.received,
      serverSeq: expect.any(Number),
      receivedAt: expect.any(String),
    });
    expect(ids(await windowB.pull(0))).toEqual([b.received.eventId, b.materials.eventId]);
    expect(ids(await desk.pull(0))).toEqual([a.received, b.received, b.materials, a.materials].map((e) => e.eventId));

    // After the cursor: nothing new, and the cursor stays put.
    expect(await windowA.pull(ofA.cursor)).toEqual({ events: [], cursor: ofA.cursor });
    const c = newCase();
    await windowA.push([c.received]);
    expect(ids(await windowA.pull(ofA.cursor))).toEqual([c.received.eventId]);
  });

  it('pages with limit and cursor', async () => {
    for (let i = 0; i < 3; i += 1) await windowA.push([newCase().received]);
    const first = pullResponse.parse((await windowA.request('GET', '/events?after=0&limit=2')).json());
    expect(first.events).toHaveLength(2);
    const second = pullResponse.parse((await windowA.request('GET', `/events?after=${first.cursor}&limit=2`)).json());
    expect(second.events).toHaveLength(1);
    expect(second.events[0]!.serverSeq).toBeGreaterThan(first.cursor);
  });

  it('refuses a malformed query', async () => {
    expect((await windowA.request('GET', '/events?after=-1')).status).toBe(400);
    expect((await windowA.request('GET', '/events?wait=600')).status).toBe(400);
    expect((await windowA.request('GET', '/events?limit=abc')).json()).toMatchObject({ error: 'invalid_request' });
  });

  it('long-polls: a waiting pull wakes when an event of its party is pushed', async () => {
    const { cursor } = await desk.pull(0);
    const started = Date.now();
    const waiting = desk.pull(cursor, 10);
    await new Promise((resolve) => setTimeout(resolve, 150));
    const one = newCase();
    await windowA.push([one.received]);
    const page = await waiting;
    expect(ids(page)).toEqual([one.received.eventId]);
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it("long-polls past other parties' events until its wait is over", async () => {
    const { cursor } = await windowB.pull(0);
    const started = Date.now();
    const waiting = windowB.pull(cursor, 1);
    await windowA.push([newCase().received]);
    const page = await waiting;
    expect(page.events).toEqual([]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    expect(page.cursor).toBeGreaterThan(cursor);
  });
  it('releases waiting pulls when the server stops', async () => {
    const waiting = desk.pull(0, 10);
    await new Promise((resolve) => setTimeout(resolve, 100));
    const started = Date.now();
    await server.close();
    expect(Date.now() - started).toBeLessThan(2000);
    expect((await waiting).events).toEqual([]);
  });
});

describe('catalog', () => {
  it('publishes the seed catalog and calendar until an import replaces them', async () => {
    const seed = catalogResponse.parse((await windowA.request('GET', '/catalog')).json());
    expect(seed.catalogs.map((c) => c.version)).toEqual([SEED_CATALOG.version]);
    expect(seed.calendars.map((c) => c.year)).toEqual(SEED_CALENDAR.map((c) => c.year));

    const imported = {
      catalogs: [{ ...SEED_CATALOG, version: '2027.1', matters: SEED_CATALOG.matters.slice(0, 2) }],
      calendars: [{ year: 2027, holidays: ['2027-01-01'], workdays: [] }],
    };
    await server.store.replaceCatalog(imported, new Date().toISOString());
    const now = catalogResponse.parse((await desk.request('GET', '/catalog')).json());
    expect(now).toEqual(imported);
  });
});
