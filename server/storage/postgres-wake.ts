// Wake-ups across server instances sharing one PostgreSQL database. An append
// NOTIFYs a channel inside its own transaction, so the news leaves exactly at
// COMMIT, when the events become visible, and never for a rolled-back one.
// Each instance LISTENs on one connection of its own, outside the pool: a
// LISTEN lasts as long as its session, and a pooled connection serves others
// between queries. The payload says only who appended and how far the numbers
// now go: the appending instance (its own pulls were woken in-process), the
// newest server_seq and the schema (servers of other regions may share the
// database) — nothing about a case or a person.
import pg from 'pg';
import type { AppendWatcher } from './contract.ts';

export const WAKE_CHANNEL = 'tongban_appended';

/** Between attempts to listen again after the connection dropped: doubling from the first to the cap. */
const RETRY_MS = { first: 100, max: 5_000 } as const;

/** The SQL expression that notifies; `instance` and `last` are SQL (a parameter, a column). */
export function notifyAppended(instance: string, last: string): string {
  return `pg_notify('${WAKE_CHANNEL}', concat_ws(' ', ${instance}::text, ${last}, current_schema()))`;
}

/** Whether a notification is news for this instance: an append in its schema by another instance. */
export function newsFor(payload: string, instance: string, schema: string): boolean {
  const [from, , ...rest] = payload.split(' ');
  return from !== instance && rest.join(' ') === schema;
}

/**
 * One instance's listening connection. It calls `wake` for every append by
 * another instance; when the connection drops it says so, tries again (100 ms,
 * doubling to 5 s) and, once back, wakes once for what it may have missed.
 */
export class WakeListener {
  private readonly connectionString: string;
  private readonly instance: string;
  private readonly watcher: AppendWatcher;
  private client: pg.Client | null = null;
  private stopped = false;
  private retry: NodeJS.Timeout | undefined;
  private delay: number = RETRY_MS.first;

  constructor(connectionString: string, instance: string, watcher: AppendWatcher) {
    this.connectionString = connectionString;
    this.instance = instance;
    this.watcher = watcher;
  }

  /** Listens; throws when the first connection fails, so a server does not start deaf to the others. */
  start(): Promise<void> {
    return this.connect();
  }

  private async connect(): Promise<void> {
    const client = new pg.Client({
      connectionString: this.connectionString,
      // Which instance holds this connection, in pg_stat_activity.
      application_name: `tongban-wake ${this.instance}`,
      // A peer gone without a word (a cut network) is noticed instead of leaving the listener deaf.
      keepAlive: true,
      keepAliveInitialDelayMillis: 10_000,
    });
    // An object, not a variable: the handlers below change it while this function awaits.
    const link: { state: 'connecting' | 'live' | 'gone' } = { state: 'connecting' };
    const drop = (error: Error): void => {
      const was = link.state;
      link.state = 'gone';
      if (was === 'live') this.lost(client, error);
    };
    client.on('error', drop);
    client.on('end', () => drop(new Error('the listening connection ended')));
    try {
      await client.connect();
      const { schema } = (await client.query<{ schema: string }>('SELECT current_schema() AS schema')).rows[0]!;
      client.on('notification', ({ channel, payload }) => {
        if (channel === WAKE_CHANNEL && newsFor(payload ?? '', this.instance, schema)) this.watcher.wake();
      });
      await client.query(`LISTEN ${WAKE_CHANNEL}`);
      // Dropped between the answer and here: the caller tries again.
      if (link.state === 'gone') throw new Error('the listening connection ended');
    } catch (error) {
      await client.end().catch(() => {});
      throw error;
    }
    link.state = 'live';
    this.client = client;
  }

  private lost(client: pg.Client, error: Error): void {
    if (this.client === client) this.client = null;
    if (this.stopped) return;
    this.watcher.lost(error);
    this.schedule();
  }

  private schedule(): void {
    this.retry = setTimeout(() => void this.reconnect(), this.delay);
    this.delay = Math.min(this.delay * 2, RETRY_MS.max);
  }

  private async reconnect(): Promise<void> {
    try {
      await this.connect();
    } catch {
      if (!this.stopped) this.schedule();
      return;
    }
    if (this.stopped) return void (await this.close());
    this.delay = RETRY_MS.first;
    // What was appended while nobody listened was never heard: every waiting pull looks again.
    this.watcher.wake();
    this.watcher.restored();
  }

  private async close(): Promise<void> {
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => {});
  }

  /** Stops listening and trying again. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retry);
    await this.close();
  }
}
