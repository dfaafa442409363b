// One content hash from the device to the server and back, for generated
// events: the hash is taken over the event as the device builds it, the event
// travels as JSON with its keys in another order, the server checks the hash
// on push (a mismatch is refused as bad_hash) and keeps the event in its real
// store (the embedded SQLite store, and PostgreSQL when
// TONGBAN_TEST_DATABASE_URL is set), and what a pull gives back hashes to the
// same value. Text runs through every plane of Unicode, numbers through large,
// negative and fractional ones; payloads nest objects and arrays, empty ones
// too, and nulls.
import fc from 'fast-check';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MATERIAL_FORMS } from '../shared/catalog/schema.ts';
import type { CaseEvent, CaseReceivedPayload, MaterialsCheckedPayload } from '../shared/case/events.ts';
import { uuidv7 } from '../shared/case/uuid.ts';
import { IDENTITY_KINDS } from '../shared/identity/validate.ts';
import { contentHash } from '../shared-node/event-hash.ts';
import type { WireEvent } from '../shared/sync/protocol.ts';
import { buildServer } from './app.ts';
import { PostgresStore } from './storage/postgres.ts';
import { SqliteStore } from './storage/sqlite.ts';
import {
  enroll,
  INTAKE_REGION,
  injectTransport,
  postgresTestSchema,
  SERVER_REGION,
  tempDir,
  type TestDevice,
  type TestServer,
  TEST_IDENTITY,
} from '../tests/support/server.ts';

const STORES = ['sqlite', ...(process.env.TONGBAN_TEST_DATABASE_URL ? ['postgres' as const] : [])] as const;

async function serverOn(kind: (typeof STORES)[number]): Promise<TestServer> {
  const dir = tempDir();
  const schema = kind === 'postgres' ? await postgresTestSchema() : null;
  const store = schema ? await PostgresStore.open(schema.url) : SqliteStore.open(join(dir.path, 'server.db'));
  await store.setRegion(SERVER_REGION);
  const app = await buildServer({ store, dataDir: dir.path, region: SERVER_REGION, identity: TEST_IDENTITY });
  return {
    app,
    store,
    dataDir: dir.path,
    identity: TEST_IDENTITY,
    async close() {
      await app.close();
      await store.close();
      await schema?.drop();
      dir.remove();
    },
  };
}

// ------------------------------------------------------------------ what is generated

/** Characters where encodings part ways: astral (emoji, CJK Extension B), combining, escapes, separators. */
const AWKWARD = ['😀', '👩‍👩‍👧', '𠀀', '𪚥', '𰻞', '張', 'e\u0301', '\u200b', '\u3000', '"', '\\', '\n', '\u2028'];

/**
 * Any text, empty included; `max` counts UTF-16 units, as the schemas do. No NUL: the server refuses a body
 * that holds one, as PostgreSQL's text and jsonb cannot (server/limits.test.ts).
 */
const anyText = (max = 60): fc.Arbitrary<string> =>
  fc
    .oneof(
      fc.string({ unit: 'binary', maxLength: Math.floor(max / 2) }),
      fc.string({ unit: fc.constantFrom(...AWKWARD), maxLength: Math.floor(max / 4) }),
      fc.string({ unit: 'grapheme', maxLength: Math.floor(max / 4) }),
    )
    .filter((s) => s.length <= max && !s.includes('\u0000'));

/** Text the schemas keep as it is: trimmed, not empty. */
const fieldText = (max: number): fc.Arbitrary<string> =>
  anyText(max)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);

const number = fc.oneof(
  fc.integer({ min: -(2 ** 31), max: 2 ** 31 }),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.constantFrom(Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER, 2 ** 60, 1e21, -1e-7, 0.1 + 0.2, -0, 5e-324),
);
const isoDate = fc
  .date({ noInvalidDate: true, min: new Date(2000, 0, 1), max: new Date(2099, 11, 31) })
  .map((d) => d.toISOString().slice(0, 10));

const person = fc.record(
  {
    name: fieldText(100),
    idKind: fc.constantFrom(...IDENTITY_KINDS),
    idNumber: fieldText(40),
    phone: anyText(30).map((s) => s.trim()),
    address: anyText(200).map((s) => s.trim()),
    nationality: anyText(20).map((s) => s.trim()),
  },
  { requiredKeys: ['name', 'idKind', 'idNumber'] },
);

const received = fc.record({
  caseNo: anyText(),
  matterId: anyText(),
  catalogVersion: anyText(),
  intakeRegion: fc.constant(INTAKE_REGION),
  handlingRegion: fc.constant(SERVER_REGION),
  intakePlace: fc.record({ deviceName: anyText(), hall: anyText(), window: anyText() }),
  applicant: person,
  agent: fc.option(
    person.chain((p) =>
      fc.option(fc.constantFrom(...MATERIAL_FORMS)).map((powerOfAttorney) => ({ ...p, powerOfAttorney })),
    ),
  ),
  priority: fc.boolean(),
  // Form field ids are the catalog's: never a name JavaScript gives to an object's prototype.
  formData: fc.dictionary(
    anyText().filter((key) => key !== '__proto__'),
    fc.oneof(anyText(), number),
  ),
  language: fc.constantFrom('zh-CN' as const, 'zh-TW' as const, 'en' as const),
  deadlines: fc.record(
    {
      promised: fc.option(isoDate),
      statutory: fc.option(isoDate),
      provisional: fc.boolean(),
      unit: fc.constantFrom('working_days' as const, 'calendar_days' as const),
      acceptanceDecision: fc.option(isoDate),
    },
    { requiredKeys: ['promised', 'statutory', 'provisional'] },
  ),
}) satisfies fc.Arbitrary<CaseReceivedPayload>;

const materials = fc.record({
  materials: fc.array(
    fc.oneof(
      fc.record(
        {
          materialId: anyText(),
          outcome: fc.constant('received' as const),
          forms: fc.subarray([...MATERIAL_FORMS], { minLength: 1 }),
          pages: fc.integer({ min: 0, max: 9999 }),
        },
        { requiredKeys: ['materialId', 'outcome', 'forms'] },
      ),
      fc.record({ materialId: anyText(), outcome: fc.constant('waived' as const), verificationRef: fieldText(100) }),
      fc.record({ materialId: anyText(), outcome: fc.constantFrom('deferred' as const, 'not_provided' as const) }),
    ),
    { maxLength: 6 },
  ),
  scans: fc.constant([]),
}) satisfies fc.Arbitrary<MaterialsCheckedPayload>;

/** What an intake window records on a new case: taken in, materials checked, a note; and by whom. */
const newCase = fc.record({ received, materials, note: fieldText(2000), userId: anyText(), seed: fc.integer() });
type GeneratedCase = typeof newCase extends fc.Arbitrary<infer T> ? T : never;

/**
 * The case's events as the device builds them, keys in the order `seed` gives. Their ids are new on every call:
 * fast-check runs a value again while it shrinks, and the server would take the same ids as a resend.
 */
function caseEvents({ received, materials, note, userId, seed }: GeneratedCase): CaseEvent[] {
  const caseId = uuidv7();
  const base = { caseId, actor: { userId, role: 'intake_clerk' as const }, deviceId: 'local-device-1' };
  const at = new Date().toISOString();
  const events: CaseEvent[] = [
    { ...base, eventId: uuidv7(), type: 'case.received', payload: received, occurredAt: at },
    { ...base, eventId: uuidv7(), type: 'case.materials_checked', payload: materials, occurredAt: at },
    { ...base, eventId: uuidv7(), type: 'case.note_added', payload: { text: note }, occurredAt: at },
  ];
  return events.map((event) => shuffled(event, random(seed)));
}

/** A seeded random in [0, 1) (mulberry32), so a failing run replays. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

/** The same value with every object's keys in another order. */
function shuffled<T>(value: T, next: () => number): T {
  if (Array.isArray(value)) return value.map((item: unknown) => shuffled(item, next)) as T;
  if (value === null || typeof value !== 'object') return value;
  const entries = Object.entries(value);
  for (let i = entries.length - 1; i > 0; i -= 1) {
    const j = Math.floor(next() * (i + 1));
    [entries[i], entries[j]] = [entries[j]!, entries[i]!];
  }
  return Object.fromEntries(entries.map(([key, item]) => [key, shuffled(item, next)])) as T;
}

// ------------------------------------------------------------------ the trip

describe.each(STORES)('the content hash, device to the %s store and back', (kind) => {
  let server: TestServer;
  let window3: TestDevice;
  let cursor = 0;

  beforeAll(async () => {
    server = await serverOn(kind);
    window3 = await enroll(server, injectTransport(server.app));
  });
  afterAll(async () => server?.close());

  it('is the one the device took when it recorded the event', async () => {
    await fc.assert(
      fc.asyncProperty(newCase, fc.integer(), async (generated, seed) => {
        const events = caseEvents(generated);
        // Recorded on the device: hashed as built; the payload kept as JSON text until it is sent.
        const recorded = events.map((event) => ({ event, hash: contentHash(event) }));
        const outgoing: WireEvent[] = recorded.map(({ event, hash }) => ({
          ...shuffled({ ...event, payload: JSON.parse(JSON.stringify(event.payload)) as unknown }, random(seed)),
          contentHash: hash,
          blobs: [],
        }));

        const results = await window3.push(outgoing);
        expect(results).toEqual(recorded.map(() => expect.objectContaining({ status: 'accepted' })));

        const pulled = await window3.pull(cursor);
        cursor = pulled.cursor;
        expect(pulled.events.map((e) => e.eventId)).toEqual(events.map((e) => e.eventId));
        pulled.events.forEach((back, i) => {
          expect(back.contentHash).toBe(recorded[i]!.hash);
          expect(contentHash(back)).toBe(recorded[i]!.hash);
          // JSON has no -0: what comes back is what JSON carries.
          expect(back.payload).toEqual(JSON.parse(JSON.stringify(events[i]!.payload)));
        });
      }),
      { numRuns: 100 },
    );
  });

  it('is refused when it is not the hash of what arrives', async () => {
    const [event] = caseEvents(fc.sample(newCase, 1)[0]!);
    const altered = { ...event!, occurredAt: new Date(0).toISOString() };
    const [result] = await window3.push([{ ...altered, contentHash: contentHash(event!), blobs: [] }]);
    expect(result).toMatchObject({ status: 'refused', reason: 'bad_hash' });
  });
});
