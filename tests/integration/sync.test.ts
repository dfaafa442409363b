// The device's sync engine against the real exchange server: cases reach the
// server with their scans, a refused event lands in quarantine without
// holding up other cases, events come back with their server sequence, and
// a server that goes away and comes back gets what waited.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../../server/app.ts';
import { acceptedEvent, enroll, httpTransport } from '../support/server.ts';
import type { RpcClient } from '../../shared/rpc/client.ts';
import type { RemoteStatus } from '../../shared/rpc/contract.ts';
import {
  addRemoteAt,
  APPLICANT,
  call,
  makePng,
  pensionTransfer,
  setUpDevice,
  staffClient,
  startInProcess,
  startListeningServer,
  until,
  uploadScan,
  withDb,
  type BackendUnderTest,
  type ListeningServer,
} from './harness.ts';

describe('sync with the exchange server', () => {
  let server: ListeningServer;
  let device: BackendUnderTest;
  let admin: RpcClient;
  let clerk: RpcClient;
  const remote = async (): Promise<RemoteStatus> =>
    (await call(clerk, 'sync.status', {})).find((r) => r.regionCode === '421127')!;

  beforeAll(async () => {
    server = await startListeningServer();
    device = startInProcess();
    admin = (await setUpDevice(device)).admin;
    clerk = await staffClient(device, admin, ['intake_clerk']);
  });
  afterAll(async () => {
    await device.stop();
    await server.close();
  });

  let synced: string;
  let tampered: string;
  let later: string;

  it('sends queued cases and their scans once a remote is added; a refused event is quarantined and blocks only its case', async () => {
    const scan = await uploadScan(clerk, makePng('sync-scan'), 'image/png');
    if (!scan.ok) throw new Error('upload failed');
    synced = (
      await call(
        clerk,
        'intake.submit',
        pensionTransfer({ scans: [{ sha256: scan.value.sha256, materialId: 'id_card' }] }),
      )
    ).caseId;
    tampered = (await call(clerk, 'intake.submit', pensionTransfer({ applicant: { ...APPLICANT, name: '李四' } })))
      .caseId;
    later = (await call(clerk, 'intake.submit', pensionTransfer({ applicant: { ...APPLICANT, name: '王五' } }))).caseId;
    // A corrupted record on the device: the server must refuse it, not store it.
    withDb(device.dbFile, (db) =>
      db
        .prepare("UPDATE case_events SET content_hash = ? WHERE case_id = ? AND type = 'case.materials_checked'")
        .run('0'.repeat(64), tampered),
    );
    expect(await remote()).toMatchObject({ enrolled: false, queueDepth: 6, blobsLeft: 1 });

    const added = await addRemoteAt(server, admin, { kind: 'intake', regionCode: '360430', matterIds: [] });
    expect(added).toMatchObject({ regionCode: '421127', enrolled: true });

    const settled = await until(remote, (r) => r.queueDepth === 0 && r.blobsLeft === 0, 'the outbox to drain');
    expect(settled).toMatchObject({ online: true, quarantined: 1, lastError: null });

    const stats = await server.store.stats();
    expect(stats).toMatchObject({ events: 5, blobs: 1 });
    expect(await server.store.caseRecord(synced)).not.toBeNull();

    const states = Object.fromEntries(
      (await call(clerk, 'cases.list', {})).rows.map((row) => [row.caseId, row.syncState]),
    );
    expect(states).toEqual({ [synced]: 'synced', [tampered]: 'quarantined', [later]: 'synced' });
    const [entry] = await call(clerk, 'sync.quarantine', {});
    expect(entry).toMatchObject({ caseId: tampered, eventType: 'case.materials_checked', reason: 'bad_hash' });
  });

  it('gets its events back from the server with their sequence and time of receipt', async () => {
    await until(
      () =>
        Promise.resolve(
          withDb(
            device.dbFile,
            (db) =>
              (db.prepare('SELECT count(*) AS n FROM case_events WHERE received_at IS NOT NULL').get() as { n: number })
                .n,
          ),
        ),
      (n) => n === 5,
      'pulled events',
    );
    const timeline = (await call(clerk, 'cases.get', { caseId: synced })).timeline;
    expect(timeline.every((e) => e.syncedAt !== null)).toBe(true);
  });

  it("takes the handling place's decision back: the case is accepted, in its timeline by the handling place", async () => {
    const desk = await enroll(
      server,
      httpTransport(server.url, server.identity.certificatePem),
      { kind: 'acceptance', regionCode: '421127' },
      '黄梅县受理台',
    );
    const [result] = await desk.push([acceptedEvent(synced, desk, 'HM-2026-000123')]);
    expect(result).toMatchObject({ status: 'accepted' });

    const detail = await until(
      () => call(clerk, 'cases.get', { caseId: synced }),
      (d) => d.row.status === 3,
      'the decision to arrive',
    );
    expect(detail.timeline.at(-1)).toMatchObject({
      type: 'case.accepted',
      actor: null,
      role: 'handling_officer',
      syncedAt: expect.any(String),
    });
    expect(detail.timeline.map((e) => e.type)).toEqual(['case.received', 'case.materials_checked', 'case.accepted']);
    const rows = (await call(clerk, 'cases.list', { status: 3 })).rows;
    expect(rows.map((r) => r.caseId)).toEqual([synced]);
  });

  it('keeps cases while the server is away and sends them when it is back', async () => {
    const store = server.store;
    await server.app.close();
    const waiting = (await call(clerk, 'intake.submit', pensionTransfer({ applicant: { ...APPLICANT, name: '赵六' } })))
      .caseId;
    await until(remote, (r) => r.online === false && r.queueDepth === 2, 'the device to notice');

    const again = await buildServer({ store, dataDir: server.dataDir, region: '421127', identity: server.identity });
    await again.listen({ host: '127.0.0.1', port: server.port });
    try {
      await call(clerk, 'sync.now', {});
      await until(remote, (r) => r.queueDepth === 0 && r.online === true, 'the outbox to drain again');
      expect(await store.caseRecord(waiting)).not.toBeNull();
    } finally {
      await again.close();
    }
  });
});
