// The drain's device and its backlog: set up through RPC as at first run, then
// cases taken in through the real IntakeService with scans stored through the
// real BlobStore; and the push bodies the engine sends for that outbox.
import { join } from 'node:path';
import { DATABASE_FILE_NAME } from '../../electron/backend/backend.ts';
import { decryptText } from '../../electron/backend/crypto/fields.ts';
import { deriveKeys, keyFilePath, loadOrCreateKeyFile } from '../../electron/backend/crypto/keys.ts';
import { BlobStore } from '../../electron/backend/services/blobs.ts';
import { CatalogService } from '../../electron/backend/services/catalog.ts';
import { bindChainKeys } from '../../electron/backend/services/chain-keys.ts';
import { IntakeService } from '../../electron/backend/services/intake.ts';
import { openDatabase } from '../../electron/backend/store/database.ts';
import { blobsOf } from '../../electron/backend/sync/push.ts';
import { signEvent } from '../../electron/backend/sync/signing.ts';
import { SEED_CATALOG } from '../../shared/catalog/index.ts';
import { call, type RpcClient } from '../../shared/rpc/client.ts';
import { mulberry32 } from '../generate/people.ts';
import { makeSubmission } from '../generate/submissions.ts';
import { INTAKE_REGION } from '../support/exchange-samples.ts';
import { fmt } from '../support/progress.ts';
import { secondsSince } from '../support/timing.ts';
import type { SyncOptions } from './options.ts';
import { scanBytes } from './scan-bytes.ts';
import { say } from './say.ts';

const DEVICE = {
  name: '彭泽县政务服务中心 03号窗口',
  regionCode: INTAKE_REGION,
  hall: '彭泽县政务服务中心',
  windowNo: '03',
};

export async function seedDevice(dataDir: string, rpc: RpcClient, options: SyncOptions): Promise<void> {
  const info = await call(rpc, 'setup.initialize', {
    device: DEVICE,
    admin: { username: 'admin', displayName: '系统管理员', password: 'bench-admin-password' },
  });
  rpc.setSession(info.token);
  await call(rpc, 'privacy.setSettings', { retentionYears: 30, contact: '彭泽县政务服务中心 0792-4567890' });
  const clerk = await call(rpc, 'users.create', {
    username: 'clerk03',
    displayName: '受理员03',
    password: 'bench-password-1',
    roles: ['intake_clerk'],
  });

  // The same services the backend's 'scans.*' and 'intake.submit' run, on a second connection to the same file.
  const { db } = openDatabase(join(dataDir, DATABASE_FILE_NAME));
  const keys = deriveKeys(loadOrCreateKeyFile(keyFilePath(dataDir)));
  bindChainKeys(db, keys);
  const catalog = new CatalogService(db);
  const blobs = new BlobStore(db, dataDir, keys.blobs);
  const intake = new IntakeService(db, keys, catalog, blobs);
  const matters = SEED_CATALOG.matters.filter((m) => m.createsCase);
  const rand = mulberry32(options.seed);
  const t0 = performance.now();
  let scan = 0;
  for (let i = 0; i < options.cases; i++) {
    const matter = catalog.matter(matters[i % matters.length]!.id)!.matter;
    const submission = makeSubmission(rand, matter, new Date());
    const scans = Array.from({ length: options.scansPerCase }, (_, k) => ({
      sha256: blobs.put(scanBytes(scan++, options.seed, options.scanBytes), 'image/jpeg', null),
      materialId: submission.materials[k]?.materialId ?? null,
    }));
    intake.submit({ ...submission, scans }, { userId: clerk.userId, roles: ['intake_clerk'] });
    if ((i + 1) % 2000 === 0) say(`seeded ${fmt(i + 1)} cases (${secondsSince(t0)} s)`);
  }
  db.close();
}

/** The push bodies the engine sends for this outbox, built the same way (engine.ts wireEvent). */
export function pushBodies(dataDir: string, batch: number): string[] {
  const { db } = openDatabase(join(dataDir, DATABASE_FILE_NAME));
  const keys = deriveKeys(loadOrCreateKeyFile(keyFilePath(dataDir)));
  const rows = db
    .prepare(
      `SELECT e.event_id, e.case_id, e.type, e.payload_enc, e.actor_user_id, e.actor_role, e.device_id, e.occurred_at,
         e.content_hash, e.signature
       FROM outbox_events o JOIN case_events e USING (event_id) ORDER BY o.enqueued_at, e.case_id, e.case_seq`,
    )
    .all() as Record<string, string>[];
  // Generated events were never recorded through the device: signed here, as the engine signs them on their way out.
  const signatures = rows.map((row) => row.signature ?? signEvent(db, keys.fields, row.content_hash!));
  db.close();
  const events = rows.map((row, index) => {
    const payload = JSON.parse(
      decryptText(keys.fields, row.payload_enc!, `case_events.payload:${row.event_id}`),
    ) as unknown;
    return {
      eventId: row.event_id,
      caseId: row.case_id,
      type: row.type,
      payload,
      actor: { userId: row.actor_user_id, role: row.actor_role },
      deviceId: row.device_id,
      occurredAt: row.occurred_at,
      contentHash: row.content_hash,
      blobs: blobsOf(row.type!, payload),
      signature: signatures[index],
    };
  });
  const bodies: string[] = [];
  for (let i = 0; i < events.length; i += batch) bodies.push(JSON.stringify({ events: events.slice(i, i + batch) }));
  return bodies;
}
