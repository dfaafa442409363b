// Helpers for the server's tests: a real store (SQLite in a temp folder, or
// PostgreSQL with TONGBAN_TEST_STORE=postgres), real Ed25519 keys, signed
// requests (in-process through app.inject or over HTTP), and case events that
// pass the shared payload schemas and intake rules.
import { createHash, generateKeyPairSync, randomBytes, randomUUID, sign, type KeyObject } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import type { Role } from '../shared/auth/permissions.ts';
import { SEED_CATALOG, type Matter } from '../shared/catalog/index.ts';
import { formatCaseNumber } from '../shared/case/case-number.ts';
import type { CaseEvent, CaseReceivedPayload, MaterialsCheckedPayload } from '../shared/case/events.ts';
import type { IntakeSubmission } from '../shared/case/intake.ts';
import { uuidv7 } from '../shared/case/uuid.ts';
import {
  PROTOCOL_PREFIX,
  SIGNATURE_HEADERS,
  signingString,
  type PushResult,
  type Scope,
  type WireEvent,
} from '../shared/sync/protocol.ts';
import { buildServer, type ServerOptions } from './app.ts';
import { issueEnrollmentCode } from './enrollment.ts';
import { contentHash } from '../shared/node/event-hash.ts';
import type { ServerStore } from './storage/contract.ts';
import { PostgresStore } from './storage/postgres.ts';
import { SqliteStore } from './storage/sqlite.ts';

/** Huangmei, the seed catalog's handling region: the server's region in the tests. */
export const SERVER_REGION = '421127';
/** Gongqingcheng, Jiangxi: the intake windows' region. */
export const INTAKE_REGION = '360430';

export const APPLICANT = {
  name: '张三丰',
  idKind: 'resident_id' as const,
  idNumber: '11010219781027232X',
  phone: '13812348000',
};

export function tempDir(): { path: string; remove(): void } {
  const path = mkdtempSync(join(tmpdir(), 'tongban-server-'));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

// ------------------------------------------------------------------ stores

/** The store the server's tests run against: `npx vitest run server` once per store. */
export const TEST_STORE = testStoreKind(process.env.TONGBAN_TEST_STORE);

function testStoreKind(kind = 'sqlite'): 'sqlite' | 'postgres' {
  if (kind === 'postgres' && !process.env.TONGBAN_TEST_DATABASE_URL) {
    throw new Error('TONGBAN_TEST_STORE=postgres needs TONGBAN_TEST_DATABASE_URL=postgres://…');
  }
  if (kind === 'sqlite' || kind === 'postgres') return kind;
  throw new Error(`TONGBAN_TEST_STORE is sqlite or postgres, not ${kind}.`);
}

/**
 * The database the PostgreSQL tests work in: tongban_test on the server that
 * TONGBAN_TEST_DATABASE_URL names, made on first use (the role needs CREATEDB),
 * so the database the URL names is never written to.
 */
let testDatabase: Promise<URL> | undefined;
function postgresTestDatabase(): Promise<URL> {
  testDatabase ??= (async () => {
    const base = process.env.TONGBAN_TEST_DATABASE_URL;
    if (!base) throw new Error('TONGBAN_TEST_DATABASE_URL is not set.');
    await withClient(base, async (client) => {
      try {
        await client.query('CREATE DATABASE tongban_test');
      } catch (error) {
        // Already there, or made a moment ago by a test file running in parallel.
        if (!['42P04', '23505'].includes((error as { code?: string }).code ?? '')) throw error;
      }
    });
    const url = new URL(base);
    url.pathname = '/tongban_test';
    return url;
  })();
  return testDatabase;
}

async function withClient(url: string, work: (client: pg.Client) => Promise<unknown>): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await work(client);
  } finally {
    await client.end();
  }
}

/** A fresh, empty PostgreSQL schema: `url` connects with it as the search path; `drop` removes it and all in it. */
export async function postgresTestSchema(): Promise<{ schema: string; url: string; drop(): Promise<void> }> {
  const database = await postgresTestDatabase();
  const schema = `test_${randomBytes(8).toString('hex')}`;
  await withClient(database.href, (client) => client.query(`CREATE SCHEMA ${schema}`));
  const url = new URL(database);
  url.searchParams.set('options', `-c search_path=${schema}`);
  return {
    schema,
    url: url.href,
    drop: () => withClient(database.href, (client) => client.query(`DROP SCHEMA ${schema} CASCADE`)),
  };
}

/** Where a test keeps its server store: a SQLite file in `dataDir`, or a fresh PostgreSQL schema. */
export interface TestStoreSite {
  /** The environment a spawned `server/main.ts --data-dir <dataDir>` needs to open the same store. */
  env: Record<string, string>;
  open(): Promise<ServerStore>;
  /** Removes what the stores wrote (the data folder itself is the caller's). */
  remove(): Promise<void>;
}

export async function testStoreSite(dataDir: string): Promise<TestStoreSite> {
  if (TEST_STORE === 'postgres') {
    const schema = await postgresTestSchema();
    return { env: { DATABASE_URL: schema.url }, open: () => PostgresStore.open(schema.url), remove: schema.drop };
  }
  return {
    // Empty, so a DATABASE_URL in the developer's shell does not send the spawned server elsewhere.
    env: { DATABASE_URL: '' },
    open: async () => SqliteStore.open(join(dataDir, 'server.db')),
    remove: async () => {},
  };
}

export interface TestServer {
  app: FastifyInstance;
  store: ServerStore;
  dataDir: string;
  close(): Promise<void>;
}

export async function startServer(
  options: Partial<Omit<ServerOptions, 'store' | 'dataDir'>> = {},
): Promise<TestServer> {
  const dir = tempDir();
  const site = await testStoreSite(dir.path);
  const store = await site.open();
  const region = options.region ?? SERVER_REGION;
  await store.setRegion(region);
  const app = await buildServer({ store, dataDir: dir.path, ...options, region });
  let closed = false;
  return {
    app,
    store,
    dataDir: dir.path,
    async close() {
      if (closed) return;
      closed = true;
      await app.close();
      await store.close();
      await site.remove();
      dir.remove();
    },
  };
}

// ------------------------------------------------------------------ requests

export interface Answer {
  status: number;
  headers: Record<string, string | string[] | number | undefined>;
  body: Buffer;
  json<T = unknown>(): T;
}

export interface Outgoing {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: Buffer | string;
}

export type Transport = (request: Outgoing) => Promise<Answer>;

export function injectTransport(app: FastifyInstance): Transport {
  return async ({ method, url, headers, body }) => {
    const response = await app.inject({
      method: method as 'GET',
      url,
      headers,
      ...(body === undefined ? {} : { payload: body }),
    });
    const raw = response.rawPayload;
    return {
      status: response.statusCode,
      headers: response.headers,
      body: raw,
      json: <T>() => JSON.parse(raw.toString('utf8')) as T,
    };
  };
}

export function httpTransport(baseUrl: string): Transport {
  return async ({ method, url, headers, body }) => {
    // A Buffer is sent as the plain bytes it views (the DOM's BodyInit, for the end-to-end tests' typecheck).
    const bytes = typeof body === 'string' || body === undefined ? body : new Uint8Array(body);
    const response = await fetch(new URL(url, baseUrl), { method, headers, body: bytes ?? null });
    const raw = Buffer.from(await response.arrayBuffer());
    return {
      status: response.status,
      headers: Object.fromEntries(response.headers),
      body: raw,
      json: <T>() => JSON.parse(raw.toString('utf8')) as T,
    };
  };
}

export function newKeys(): { publicKey: string; privateKey: KeyObject } {
  const pair = generateKeyPairSync('ed25519');
  return {
    publicKey: pair.publicKey.export({ format: 'der', type: 'spki' }).toString('base64'),
    privateKey: pair.privateKey,
  };
}

export function signedHeaders(
  key: KeyObject,
  deviceId: string,
  method: string,
  pathWithQuery: string,
  body: Buffer | string,
  options: { at?: number; nonce?: string } = {},
): Record<string, string> {
  const timestamp = new Date(options.at ?? Date.now()).toISOString();
  const nonce = options.nonce ?? randomBytes(16).toString('base64url');
  const bodyHash = createHash('sha256').update(body).digest('hex');
  const text = signingString(method, pathWithQuery, timestamp, nonce, bodyHash);
  return {
    [SIGNATURE_HEADERS.device]: deviceId,
    [SIGNATURE_HEADERS.timestamp]: timestamp,
    [SIGNATURE_HEADERS.nonce]: nonce,
    [SIGNATURE_HEADERS.signature]: sign(null, Buffer.from(text), key).toString('base64'),
  };
}

/** An enrolled device: every request signed with its key. */
export class TestDevice {
  readonly transport: Transport;
  readonly deviceId: string;
  readonly key: KeyObject;
  readonly scope: Scope;

  constructor(transport: Transport, deviceId: string, key: KeyObject, scope: Scope) {
    this.transport = transport;
    this.deviceId = deviceId;
    this.key = key;
    this.scope = scope;
  }

  request(
    method: string,
    path: string,
    body: Buffer | string = '',
    extra: { headers?: Record<string, string>; at?: number; nonce?: string } = {},
  ): Promise<Answer> {
    const url = `${PROTOCOL_PREFIX}${path}`;
    const headers = {
      ...signedHeaders(this.key, this.deviceId, method, url, body, extra),
      ...(typeof body === 'string' && body !== '' ? { 'content-type': 'application/json' } : {}),
      ...(Buffer.isBuffer(body) ? { 'content-type': 'application/octet-stream' } : {}),
      ...extra.headers,
    };
    return this.transport({ method, url, headers, ...(method === 'GET' || method === 'HEAD' ? {} : { body }) });
  }

  async push(events: readonly unknown[]): Promise<PushResult[]> {
    const answer = await this.request('POST', '/events', JSON.stringify({ events }));
    if (answer.status !== 200) throw new Error(`push answered ${answer.status} ${answer.body.toString()}`);
    return answer.json<{ results: PushResult[] }>().results;
  }

  async pull(after: number, wait = 0): Promise<{ events: (WireEvent & { serverSeq: number })[]; cursor: number }> {
    const answer = await this.request('GET', `/events?after=${after}&wait=${wait}`);
    if (answer.status !== 200) throw new Error(`pull answered ${answer.status}`);
    return answer.json();
  }

  putChunk(sha256: string, bytes: Buffer, first: number, total: number): Promise<Answer> {
    return this.request('PUT', `/blobs/${sha256}`, bytes, {
      headers: { 'content-range': `bytes ${first}-${first + bytes.length - 1}/${total}` },
    });
  }
}

export async function enroll(
  server: TestServer,
  transport: Transport,
  scope: Partial<Scope> = {},
  name = '综合受理窗口 3',
): Promise<TestDevice> {
  const full: Scope = { kind: 'intake', regionCode: INTAKE_REGION, matterIds: [], ...scope };
  const { code } = await issueEnrollmentCode(server.store, full);
  return enrollWithCode(transport, code, name);
}

/** Enrolls with a code made elsewhere (the admin CLI of a server in another process). */
export async function enrollWithCode(transport: Transport, code: string, name: string): Promise<TestDevice> {
  const keys = newKeys();
  const answer = await transport({
    method: 'POST',
    url: `${PROTOCOL_PREFIX}/enroll`,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ code, publicKey: keys.publicKey, deviceName: name }),
  });
  if (answer.status !== 200) throw new Error(`enroll answered ${answer.status} ${answer.body.toString()}`);
  const { deviceId, scope } = answer.json<{ deviceId: string; scope: Scope }>();
  return new TestDevice(transport, deviceId, keys.privateKey, scope);
}

// ------------------------------------------------------------------ events

export function seedMatter(id: string): Matter {
  const matter = SEED_CATALOG.matters.find((m) => m.id === id);
  if (!matter) throw new Error(`${id} is not in the seed catalog`);
  return matter;
}

/** A KST-SI-004 (pension transfer) intake that meets every rule of the seed catalog. */
export function pensionTransfer(scans: IntakeSubmission['scans'] = []): IntakeSubmission {
  const matter = seedMatter('KST-SI-004');
  return {
    submissionId: randomUUID(),
    matterId: matter.id,
    applicant: { ...APPLICANT },
    agent: null,
    priority: false,
    materials: matter.materials
      .filter((m) => m.requirement === 'required')
      .map((m) => ({ materialId: m.id, outcome: 'received' as const, forms: [...m.acceptedForms] })),
    scans,
    formData: { transfer_out_region: '江西省九江市共青城市', transfer_in_region: '湖北省黄冈市黄梅县' },
    language: 'zh-CN',
    handlingRegion: SERVER_REGION,
  };
}

/** The event as it travels, with its content hash and blobs. */
export function wire(event: CaseEvent, blobs: string[] = []): WireEvent {
  return { ...event, contentHash: contentHash(event), blobs };
}

let sequence = 0;

/** A new case's case.received and case.materials_checked, as the intake window makes them. */
export function newCase(
  options: {
    intakeRegion?: string;
    handlingRegion?: string;
    scans?: { sha256: string; materialId: string | null }[];
    role?: Role;
  } = {},
): { caseId: string; submission: IntakeSubmission; received: WireEvent; materials: WireEvent } {
  const submission = pensionTransfer(options.scans ?? []);
  const at = new Date();
  const caseId = uuidv7(at.getTime());
  sequence += 1;
  const intakeRegion = options.intakeRegion ?? INTAKE_REGION;
  const received: CaseReceivedPayload = {
    caseNo: formatCaseNumber({ region: intakeRegion, date: '20261122', window: '03', sequence }),
    matterId: submission.matterId,
    catalogVersion: SEED_CATALOG.version,
    intakeRegion,
    handlingRegion: options.handlingRegion ?? SERVER_REGION,
    intakePlace: { deviceName: '共青城市政务服务中心 3号窗口', hall: '共青城市政务服务中心', window: '03' },
    applicant: submission.applicant,
    agent: null,
    priority: false,
    formData: submission.formData,
    language: submission.language,
    deadlines: { promised: '2027-01-30', statutory: null, provisional: false },
  };
  const materials: MaterialsCheckedPayload = {
    materials: submission.materials,
    scans: submission.scans.map((scan) => ({ ...scan, mediaType: 'image/png' })),
  };
  const actor = { userId: 'clerk-1', role: options.role ?? ('intake_clerk' as const) };
  const base = { caseId, actor, deviceId: 'local-device-1', occurredAt: at.toISOString() };
  return {
    caseId,
    submission,
    received: wire({ ...base, eventId: uuidv7(), type: 'case.received', payload: received }),
    materials: wire(
      { ...base, eventId: uuidv7(), type: 'case.materials_checked', payload: materials },
      submission.scans.map((s) => s.sha256),
    ),
  };
}

/** A valid payload for each event recorded after intake; `signature` is a blob the server holds. */
export function samplePayload(type: string, signature = 'f'.repeat(64)): unknown {
  const remedies = [{ kind: 'administrative_reconsideration', body: '黄梅县人民政府', withinDays: 60 }];
  const samples: Record<string, unknown> = {
    'case.originals_dispatched': {
      carrier: 'EMS',
      waybillNo: '1180000000001',
      mailedOn: '2026-11-22',
      materialIds: ['id_card'],
    },
    'case.signed_for': { part: 'electronic' },
    'case.accepted': { acceptanceNo: 'HM-2026-0001' },
    'case.not_accepted': { reasons: ['不属于本机关职权范围。'], remedies },
    'case.correction_requested': {
      items: [{ materialId: 'contribution_certificate', problem: 'incorrect', note: '缺少 2019 年度记录。' }],
      deadline: '2099-12-31',
    },
    'case.correction_supplied': {
      materials: [{ materialId: 'contribution_certificate', outcome: 'received', forms: ['original_kept'] }],
      scans: [],
    },
    'case.special_procedure_started': { kind: 'expert_review', reason: '需专家评审。' },
    'case.special_procedure_ended': {},
    'case.deadline_extended': { count: 15, reason: '案情复杂。', legalBasis: '劳动争议调解仲裁法第四十三条' },
    'case.concluded_approved': { resultDocuments: [] },
    'case.concluded_approved_deferred': { resultDocuments: [], deferredMaterialIds: ['application_form'] },
    'case.concluded_refused': { resultDocuments: [], reasons: ['不符合转移条件。'], remedies },
    'case.result_mailed': { carrier: 'EMS', waybillNo: '1180000000002', mailedOn: '2026-11-23', to: 'intake_window' },
    'case.result_delivered_electronically': { channel: '电子证照库' },
    'case.result_arrived': {},
    'case.result_collected': {
      collector: { ...APPLICANT },
      byApplicant: true,
      signature: { sha256: signature, source: 'pad' },
    },
    'case.note_added': { text: '请核对缴费年限。' },
    'case.evaluated': { rating: 5 },
  };
  if (!(type in samples)) throw new Error(`no sample payload for ${type}`);
  return samples[type];
}

/** An event recorded on a case by `device` as `role`, with a sample payload unless one is given. */
export function decision(
  caseId: string,
  device: TestDevice,
  type: string,
  role: Role,
  payload: unknown = samplePayload(type),
): WireEvent {
  return wire({
    eventId: uuidv7(),
    caseId,
    type: type as CaseEvent['type'],
    payload,
    actor: { userId: `${role}-1`, role },
    deviceId: device.deviceId,
    occurredAt: new Date().toISOString(),
  });
}

/** 受理 recorded by a handling officer on an acceptance desk. */
export function acceptedEvent(caseId: string, desk: TestDevice, acceptanceNo: string): WireEvent {
  return decision(caseId, desk, 'case.accepted', 'handling_officer', { acceptanceNo });
}
