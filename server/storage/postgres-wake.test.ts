// Wake-ups between store instances on one PostgreSQL database, against a real
// server: an append by one wakes the others' watchers through a notice that
// names the appender (whose own watchers skip it) and the schema (other
// schemas' watchers skip it); a watcher whose connection is cut says so,
// listens again and wakes once for what it missed; closing the store stops it.
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { newCase, postgresTestSchema } from '../../tests/support/server.ts';
import type { AppendWatcher } from './contract.ts';
import { PostgresStore } from './postgres.ts';
import { newsFor, WAKE_CHANNEL } from './postgres-wake.ts';

const enabled = Boolean(process.env.TONGBAN_TEST_DATABASE_URL);
if (!enabled) console.log('PostgreSQL wake-up tests skipped: TONGBAN_TEST_DATABASE_URL is not set');

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** `count` stores on one fresh schema, with an intake device 'w' to append as. */
async function storesOnOneSchema(count: number): Promise<{ stores: PostgresStore[]; url: string }> {
  const schema = await postgresTestSchema();
  cleanups.push(schema.drop);
  const stores: PostgresStore[] = [];
  for (let i = 0; i < count; i += 1) {
    const store = await PostgresStore.open(schema.url);
    cleanups.push(() => store.close());
    stores.push(store);
  }
  const now = new Date().toISOString();
  await stores[0]!.addEnrollmentCode({
    codeHash: 'c'.repeat(64),
    scope: { kind: 'intake', regionCode: '360430', matterIds: [] },
    createdAt: now,
    expiresAt: new Date(Date.now() + 3600_000).toISOString(),
  });
  await stores[0]!.redeemEnrollmentCode('c'.repeat(64), now, {
    deviceId: 'w',
    name: 'w',
    publicKey: 'k',
    enrolledAt: now,
  });
  return { stores, url: schema.url };
}

async function append(store: PostgresStore): Promise<void> {
  const event = newCase().received;
  const [result] = await store.appendEvents(
    [{ event, sourceDeviceId: 'w', receivedAt: new Date().toISOString(), blobs: [] }],
    () => ({
      ok: true,
      statusAfter: 1,
      newCase: { intakeRegion: '360430', handlingRegion: '421127', matterId: 'KST-SI-004' },
    }),
  );
  expect(result).toMatchObject({ status: 'accepted' });
}

/** A watcher that counts, and lets a test wait for its next call of each kind. */
class Recorder implements AppendWatcher {
  wakes = 0;
  lostErrors: Error[] = [];
  private waiting: { kind: 'wake' | 'lost' | 'restored'; resolve: () => void }[] = [];

  next(kind: 'wake' | 'lost' | 'restored'): Promise<void> {
    return new Promise((resolve) => this.waiting.push({ kind, resolve }));
  }

  private called(kind: 'wake' | 'lost' | 'restored'): void {
    const ready = this.waiting.filter((w) => w.kind === kind);
    this.waiting = this.waiting.filter((w) => w.kind !== kind);
    for (const w of ready) w.resolve();
  }

  wake = (): void => {
    this.wakes += 1;
    this.called('wake');
  };
  lost = (error: Error): void => {
    this.lostErrors.push(error);
    this.called('lost');
  };
  restored = (): void => this.called('restored');
}

async function listeners(url: string, store: PostgresStore): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = $1',
      [`tongban-wake ${store.instance}`],
    );
    return rows[0]!.n;
  } finally {
    await client.end();
  }
}

describe('wake-up notices', () => {
  it('are news only from another instance in the same schema', () => {
    expect(newsFor('i-2 17 test_ab', 'i-1', 'test_ab')).toBe(true);
    expect(newsFor('i-1 17 test_ab', 'i-1', 'test_ab')).toBe(false);
    expect(newsFor('i-2 17 test_cd', 'i-1', 'test_ab')).toBe(false);
  });
});

(enabled ? describe : describe.skip)('wake-ups between PostgreSQL store instances', () => {
  it("wake the other instances' watchers on an append, with a notice naming only the appender, seq and schema", async () => {
    const { stores, url } = await storesOnOneSchema(2);
    const [a, b] = stores as [PostgresStore, PostgresStore];
    const atA = new Recorder();
    await a.watchAppends(atA);
    // The raw notice, as any listener on the database hears it.
    const raw = new pg.Client({ connectionString: url });
    await raw.connect();
    cleanups.push(() => raw.end());
    const schema = (await raw.query<{ schema: string }>('SELECT current_schema() AS schema')).rows[0]!.schema;
    // Other test files append in schemas of their own on the same database: B's notice is the one naming B.
    const notice = new Promise<string>((resolve) =>
      raw.on('notification', ({ channel, payload = '' }) => {
        if (channel === WAKE_CHANNEL && payload.startsWith(`${b.instance} `)) resolve(payload);
      }),
    );
    await raw.query(`LISTEN ${WAKE_CHANNEL}`);

    const heard = atA.next('wake');
    await append(b);
    await heard;
    const payload = await notice;
    expect(payload).toBe(`${b.instance} 1 ${schema}`);
    expect(newsFor(payload, a.instance, schema)).toBe(true);
    expect(newsFor(payload, b.instance, schema)).toBe(false);
    expect(newsFor(payload, a.instance, `${schema}_other`)).toBe(false);
  });

  it('listen again when the connection is cut, and wake once for what was missed', async () => {
    const { stores, url } = await storesOnOneSchema(2);
    const [a, b] = stores as [PostgresStore, PostgresStore];
    const atA = new Recorder();
    await a.watchAppends(atA);
    const lost = atA.next('lost');
    const restored = atA.next('restored');
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    const { rows } = await admin.query<{ cut: boolean }>(
      'SELECT pg_terminate_backend(pid) AS cut FROM pg_stat_activity WHERE application_name = $1',
      [`tongban-wake ${a.instance}`],
    );
    await admin.end();
    expect(rows).toEqual([{ cut: true }]);
    await lost;
    await append(b); // while A may not hear it: the wake-up on reconnecting covers it
    await restored;
    expect(atA.wakes).toBeGreaterThanOrEqual(1);
    const heard = atA.next('wake');
    await append(b);
    await heard;
    expect(await listeners(url, a)).toBe(1);
  });

  it('stop listening when told, and when the store closes', async () => {
    const { stores, url } = await storesOnOneSchema(1);
    const a = stores[0]!;
    const b = await PostgresStore.open(url);
    const stop = await a.watchAppends(new Recorder());
    await b.watchAppends(new Recorder());
    await b.watchAppends(new Recorder());
    expect([await listeners(url, a), await listeners(url, b)]).toEqual([1, 2]);
    await stop();
    await b.close();
    expect([await listeners(url, a), await listeners(url, b)]).toEqual([0, 0]);
  });
});
