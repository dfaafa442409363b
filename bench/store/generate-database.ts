// Generating a benchmark database: the device and its users as the app sets
// them up, then the generator's days of cases (bench/generate.ts) written in
// big transactions, built inline or by worker threads a few days ahead; the
// file is flushed and its meta written last, so only a complete database is
// ever reused.
import { closeSync, existsSync, fsyncSync, openSync, statSync, writeFileSync } from 'node:fs';
import type { DatabaseSync } from 'node:sqlite';
import { Worker } from 'node:worker_threads';
import { deriveKeys, keyFilePath, loadOrCreateKeyFile } from '../../electron/backend/crypto/keys.ts';
import { audit } from '../../electron/backend/services/audit.ts';
import { bindChainKeys } from '../../electron/backend/services/chain-keys.ts';
import { AuthService, hashPassword } from '../../electron/backend/services/auth.ts';
import { CatalogService } from '../../electron/backend/services/catalog.ts';
import { PrivacySettingsStore } from '../../electron/backend/services/privacy-settings.ts';
import { openDatabase } from '../../electron/backend/store/database.ts';
import { uuidv7 } from '../../shared/case/uuid.ts';
import { SEED_CATALOG } from '../../shared/catalog/index.ts';
import {
  CASES_PER_TRANSACTION,
  createDayBuilder,
  createDayWriter,
  type BuildContext,
  type DayRows,
  type Hall,
} from '../generate.ts';
import { planDays, type DayPlan } from '../generate/days.ts';
import { mulberry32, pad } from '../generate/people.ts';
import { fmt } from '../support/progress.ts';
import type { Meta, Target } from './data-dir.ts';
import { say } from './say.ts';

/** The hall's region: 彭泽县, a member of the 三省六地 alliance. */
export const REGION = '360430';
const DEVICE_WINDOW = '03';
/** Every generated staff account's password (the UI benchmark signs in with it). */
export const STAFF_PASSWORD = 'bench-password-1';

/** The device and its administrator exactly as backend.ts 'setup.initialize' writes them. */
async function setUpDevice(db: DatabaseSync, deviceId: string, windowNo: string): Promise<string> {
  const passwordHash = await hashPassword('bench-admin-password');
  const at = new Date().toISOString();
  db.exec('BEGIN IMMEDIATE');
  db.prepare(
    'INSERT INTO device (singleton, device_id, name, region_code, hall, window_no, created_at) VALUES (1, ?, ?, ?, ?, ?, ?)',
  ).run(deviceId, `彭泽县政务服务中心 ${windowNo}号窗口`, REGION, '彭泽县政务服务中心一楼跨省通办专区', windowNo, at);
  const id = uuidv7();
  db.prepare(
    `INSERT INTO users (user_id, username, display_name, password_hash, roles, created_at, updated_at)
     VALUES (?, ?, ?, ?, '["administrator"]', ?, ?)`,
  ).run(id, 'admin', '系统管理员', passwordHash, at, at);
  audit(db, { userId: id, action: 'device.set_up', detail: { regionCode: REGION } });
  // The privacy notice's settings, which the administrator sets before the window takes anything in.
  new PrivacySettingsStore(db).save({ retentionYears: 30, contact: '彭泽县政务服务中心 0792-4567890' });
  db.exec('COMMIT');
  return id;
}

/**
 * The rows of day i, in day order: built inline, or by worker threads a few
 * days ahead of the inserts (the crypto and JSON are most of the work).
 */
function dayRowSource(
  context: BuildContext,
  days: readonly DayPlan[],
  threads: number,
): ((i: number) => Promise<DayRows>) & { close: () => Promise<void> } {
  const firstOrdinals: number[] = [];
  days.reduce((sum, day) => (firstOrdinals.push(sum), sum + day.counts.reduce((a, b) => a + b, 0)), 0);
  if (threads === 0) {
    const build = createDayBuilder(context);
    return Object.assign(async (i: number) => build(days[i]!, firstOrdinals[i]!), { close: async () => {} });
  }
  const workers = Array.from(
    { length: threads },
    () => new Worker(new URL('../generate-worker.ts', import.meta.url), { workerData: context }),
  );
  const pending = new Map<number, { resolve: (rows: DayRows) => void; reject: (error: unknown) => void }>();
  const results = new Map<number, Promise<DayRows>>();
  for (const worker of workers) {
    worker.on('message', ({ id, rows }: { id: number; rows: DayRows }) => {
      pending.get(id)!.resolve(rows);
      pending.delete(id);
    });
    worker.on('error', (error) => {
      for (const p of pending.values()) p.reject(error);
      pending.clear();
    });
  }
  let dispatched = 0;
  const dispatch = (upTo: number) => {
    for (; dispatched < Math.min(upTo, days.length); dispatched++) {
      const id = dispatched;
      results.set(id, new Promise((resolve, reject) => pending.set(id, { resolve, reject })));
      workers[id % threads]!.postMessage({ id, plan: days[id], firstOrdinal: firstOrdinals[id] });
    }
  };
  return Object.assign(
    async (i: number) => {
      dispatch(i + 3 * threads);
      const rows = await results.get(i)!;
      results.delete(i);
      return rows;
    },
    { close: async () => void (await Promise.all(workers.map((w) => w.terminate()))) },
  );
}

export async function generate(t: Target, options: { workers: number; reuseHint: string }): Promise<Meta> {
  const { file } = t;
  if (existsSync(file))
    throw new Error(`${file} exists: measure it with --reuse ${options.reuseHint}, or remove it first`);
  say(`generating the ${t.label} database: ${fmt(t.cases)} cases in ${t.dir}`);
  const t0 = performance.now();
  const keys = deriveKeys(loadOrCreateKeyFile(keyFilePath(t.dir)));
  // openDatabase creates the schema through every migration, to LATEST_SCHEMA_VERSION.
  const { db } = openDatabase(file);
  // The chains are keyed as the backend keys them (handlers/context.ts).
  bindChainKeys(db, keys);
  const calendars = new CatalogService(db).calendars();
  const today = new Date();
  const plan = planDays(t.cases, calendars, today, mulberry32(t.seed), { windows: t.windows, spanDays: t.spanDays });

  // One device per window; this device is window 03 (or 01 in a one- or two-window hall).
  const deviceWindow = plan.windows >= 3 ? DEVICE_WINDOW : '01';
  const windowNos = Array.from({ length: plan.windows }, (_, i) => pad(i + 1));
  const deviceIds = new Map(windowNos.map((w) => [w, uuidv7()]));
  await setUpDevice(db, deviceIds.get(deviceWindow)!, deviceWindow);
  const auth = new AuthService(db);
  const user = async (
    username: string,
    displayName: string,
    role: 'intake_clerk' | 'handling_officer' | 'result_desk',
  ) => (await auth.createUser({ username, displayName, password: STAFF_PASSWORD, roles: [role] })).userId;
  const windows: Hall['windows'] = new Map();
  for (const w of windowNos) {
    windows.set(w, {
      deviceId: deviceIds.get(w)!,
      deviceName: `彭泽县政务服务中心 ${w}号窗口`,
      clerkUserId: await user(`clerk${w}`, `受理员${w}`, 'intake_clerk'),
    });
  }
  const remoteId = uuidv7();
  // The same row IntakeService.remoteFor makes for the handling region's server.
  db.prepare('INSERT INTO remotes (remote_id, region_code, created_at) VALUES (?, ?, ?)').run(
    remoteId,
    SEED_CATALOG.issuer,
    new Date(`${plan.days[0]!.day}T08:00:00`).toISOString(),
  );
  const hall: Hall = {
    regionCode: REGION,
    hallName: '彭泽县政务服务中心一楼跨省通办专区',
    remoteId,
    windows,
    officerUserId: await user('officer01', '审批员01', 'handling_officer'),
    handlingDeviceId: uuidv7(),
    resultDeskUserId: await user('result01', '出件员01', 'result_desk'),
  };

  // Generation only: no fsync, journal in memory, a big page cache. Restored below.
  db.exec('PRAGMA journal_mode = MEMORY');
  db.exec('PRAGMA synchronous = OFF');
  db.exec('PRAGMA cache_size = -1048576');
  db.exec('PRAGMA temp_store = MEMORY');
  const context: BuildContext = {
    keys,
    hall,
    calendars,
    endMs: new Date(today.getFullYear(), today.getMonth(), today.getDate()).getTime(),
    seed: t.seed,
  };
  const write = createDayWriter(db);
  const rowsOf = dayRowSource(context, plan.days, options.workers);
  const stats = { validateMs: 0, cryptoMs: 0, sqlMs: 0 };
  let written = 0;
  let events = 0;
  let inTransaction = 0;
  let nextReport = 100_000;
  db.exec('BEGIN');
  for (let i = 0; i < plan.days.length; i++) {
    const rows = await rowsOf(i);
    const t1 = performance.now();
    write(rows);
    stats.sqlMs += performance.now() - t1;
    stats.validateMs += rows.validateMs;
    stats.cryptoMs += rows.cryptoMs;
    written += rows.cases.length;
    events += rows.events.length;
    inTransaction += rows.cases.length;
    if (inTransaction >= CASES_PER_TRANSACTION) {
      db.exec('COMMIT');
      db.exec('BEGIN');
      inTransaction = 0;
    }
    if (written >= nextReport || written === t.cases) {
      const seconds = (performance.now() - t0) / 1000;
      say(
        `${fmt(written)} cases, ${fmt(events)} events (up to ${plan.days[i]!.day}), ` +
          `${seconds.toFixed(1)} s, ${fmt(Math.round(written / seconds))} cases/s`,
      );
      while (nextReport <= written) nextReport += 100_000;
    }
  }
  await rowsOf.close();
  db.exec('COMMIT');
  say(
    `CPU time in: making/validating submissions ${(stats.validateMs / 1000).toFixed(1)} s, ` +
      `crypto/JSON ${(stats.cryptoMs / 1000).toFixed(1)} s (${options.workers} worker(s)), ` +
      `SQLite inserts and chain links ${(stats.sqlMs / 1000).toFixed(1)} s`,
  );
  // Back to what openDatabase sets; the measurement reopens the file through openDatabase anyway.
  db.exec('PRAGMA journal_mode = WAL');
  db.exec('PRAGMA synchronous = FULL');
  db.close();
  // Generation leaves gigabytes of dirty pages in the OS cache; write them out now so their
  // writeback does not slow the fsyncs of the measured submits (a real device has no such backlog).
  const tSync = performance.now();
  const fd = openSync(file, 'r+');
  fsyncSync(fd);
  closeSync(fd);
  say(`flushed the database file to disk in ${((performance.now() - tSync) / 1000).toFixed(1)} s`);
  const meta: Meta = {
    complete: true,
    cases: written,
    events,
    windows: plan.windows,
    days: plan.days.length,
    firstDay: plan.days[0]!.day,
    lastDay: plan.days.at(-1)!.day,
    generateSeconds: Math.round((performance.now() - t0) / 100) / 10,
    seed: t.seed,
    deviceClerkUserId: windows.get(deviceWindow)!.clerkUserId,
  };
  writeFileSync(t.metaFile, `${JSON.stringify(meta, null, 2)}\n`);
  say(`generated the ${t.label} database in ${meta.generateSeconds} s: ${fmt(statSync(file).size)} bytes`);
  return meta;
}
