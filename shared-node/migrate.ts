// One way to bring a store's schema up to date, for the device's SQLite file
// and the exchange server's SQLite file or PostgreSQL database: a store from a
// newer version is refused before anything is written to it; every pending
// step and the new version go in one transaction, so a failure leaves the
// store as it was. What differs per store (where the version is kept, how a
// step runs, what its errors say) is behind a SchemaStore. node:sqlite answers
// at once and PostgreSQL with promises, so the runner comes in both forms,
// making the same calls in the same order (tested).

export interface Migration {
  readonly version: number;
  readonly name: string;
}

export interface MigrationPlan<M extends Migration> {
  /** The version the store is at; 0 when it is new. */
  readonly from: number;
  /** The version it will be at: the last migration's. */
  readonly to: number;
  readonly pending: readonly M[];
}

export interface MigrationOutcome {
  from: number;
  to: number;
}

/** What a store's errors say, in its own words. */
export interface SchemaErrors<M extends Migration> {
  /** The store was written by a newer version; nothing has been written to it. */
  fromFuture(found: number, supported: number): Error;
  /** A step failed and the transaction was rolled back. */
  failed(migration: M, cause: unknown): Error;
}

export interface SchemaStore<M extends Migration> extends SchemaErrors<M> {
  /** The version as the store records it; read again inside the transaction. */
  version(): number;
  /** Opens the transaction, with whatever the store needs before it (a snapshot, foreign keys off). */
  begin(plan: MigrationPlan<M>): void;
  apply(migration: M): void;
  /** Checks what the steps left, records the new version and commits. */
  commit(plan: MigrationPlan<M>): void;
  rollback(): void;
  /** After the transaction, committed or not: undoes what begin set up around it. */
  end(plan: MigrationPlan<M>): void;
}

export interface AsyncSchemaStore<M extends Migration> extends SchemaErrors<M> {
  version(): Promise<number>;
  begin(plan: MigrationPlan<M>): Promise<void>;
  apply(migration: M): Promise<void>;
  commit(plan: MigrationPlan<M>): Promise<void>;
  rollback(): Promise<void>;
  end(plan: MigrationPlan<M>): Promise<void>;
}

export function latestVersion(migrations: readonly Migration[]): number {
  return migrations.at(-1)?.version ?? 0;
}

/** The store's version, or the store's error when a newer version wrote it. */
export function refuseFuture<M extends Migration>(
  found: number,
  migrations: readonly M[],
  errors: Pick<SchemaErrors<M>, 'fromFuture'>,
): number {
  const supported = latestVersion(migrations);
  if (found > supported) throw errors.fromFuture(found, supported);
  return found;
}

export function planMigrations<M extends Migration>(
  found: number,
  migrations: readonly M[],
  errors: Pick<SchemaErrors<M>, 'fromFuture'>,
): MigrationPlan<M> {
  const from = refuseFuture(found, migrations, errors);
  return { from, to: latestVersion(migrations), pending: migrations.filter((m) => m.version > from) };
}

export function migrate<M extends Migration>(store: SchemaStore<M>, migrations: readonly M[]): MigrationOutcome {
  const plan = planMigrations(store.version(), migrations, store);
  if (plan.pending.length === 0) return { from: plan.from, to: plan.from };
  store.begin(plan);
  let current: M | undefined;
  try {
    // Under the transaction's lock another server may already have done the work it waited for.
    const locked = planMigrations(store.version(), migrations, store);
    for (current of locked.pending) store.apply(current);
    store.commit(plan);
  } catch (error) {
    store.rollback();
    throw current ? store.failed(current, error) : error;
  } finally {
    store.end(plan);
  }
  return { from: plan.from, to: plan.to };
}

export async function migrateAsync<M extends Migration>(
  store: AsyncSchemaStore<M>,
  migrations: readonly M[],
): Promise<MigrationOutcome> {
  const plan = planMigrations(await store.version(), migrations, store);
  if (plan.pending.length === 0) return { from: plan.from, to: plan.from };
  await store.begin(plan);
  let current: M | undefined;
  try {
    // Under the transaction's lock another server may already have done the work it waited for.
    const locked = planMigrations(await store.version(), migrations, store);
    for (current of locked.pending) await store.apply(current);
    await store.commit(plan);
  } catch (error) {
    await store.rollback();
    throw current ? store.failed(current, error) : error;
  } finally {
    await store.end(plan);
  }
  return { from: plan.from, to: plan.to };
}
