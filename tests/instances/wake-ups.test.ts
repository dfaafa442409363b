// Two exchange server instances on one PostgreSQL database, each a real
// process: a device long-polling one instance gets an event pushed to the
// other as soon as it is accepted, not at its long poll's timeout — a new case
// from a window at B reaches the desk waiting at A, and the desk's 受理 at A
// reaches the window waiting at B. The pull is answered before its timeout
// only if the wake-up crossed over: without it the long poll ends empty.
import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueEnrollmentCode } from '../../server/enrollment.ts';
import type { PostgresStore } from '../../server/storage/postgres.ts';
import { MAX_PULL_WAIT_S, type Scope } from '../../shared/sync/protocol.ts';
import {
  acceptedEvent,
  enrollWithCode,
  httpTransport,
  INSTANCES_SKIPPED,
  INTAKE_REGION,
  newCase,
  SERVER_REGION,
  startInstances,
  type ServerInstance,
  type ServerInstances,
  type TestDevice,
} from '../support/server.ts';

if (INSTANCES_SKIPPED) console.log(`Two-instance tests skipped: ${INSTANCES_SKIPPED}`);

(INSTANCES_SKIPPED ? describe.skip : describe)('two server instances on one PostgreSQL database', () => {
  let cluster: ServerInstances;
  let admin: PostgresStore;

  beforeAll(async () => {
    cluster = await startInstances(2);
    admin = await cluster.openStore();
  }, 60_000);
  afterAll(async () => {
    await admin?.close();
    await cluster?.stop();
  });

  async function enrollAt(instance: ServerInstance, scope: Scope, name: string): Promise<TestDevice> {
    const { code } = await issueEnrollmentCode(admin, scope);
    return enrollWithCode(httpTransport(instance.url, cluster.certificate), code, name);
  }

  /**
   * Resolves once the instance serving the device's long poll after `cursor`
   * has recorded that cursor (what it does next is look once, then wait), or
   * once `done` says the poll ended.
   */
  async function pulling(device: TestDevice, cursor: number, done: () => boolean): Promise<void> {
    while (!done()) {
      const { rows } = await admin.connections.query<{ cursor: number }>(
        'SELECT cursor FROM device_pulls WHERE device_id = $1',
        [device.deviceId],
      );
      if ((rows[0]?.cursor ?? 0) >= cursor) return;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  /** Long-polls the device after its cursor; once the poll is under way, `act` (a push elsewhere). The poll's answer. */
  async function heardWhileWaiting(device: TestDevice, cursor: number, act: () => Promise<unknown>) {
    let ended = false;
    const poll = device.pull(cursor, MAX_PULL_WAIT_S).finally(() => (ended = true));
    await Promise.race([pulling(device, cursor, () => ended), poll]);
    const pushed = Date.now();
    await act();
    const page = await poll;
    console.log(`long poll answered ${Date.now() - pushed} ms after the push began (timeout ${MAX_PULL_WAIT_S} s)`);
    return page;
  }

  it('wakes a device long-polling one instance when the other accepts a push, both ways', async () => {
    const [a, b] = cluster.instances as [ServerInstance, ServerInstance];
    expect(a.instance).toMatch(/^[0-9a-f-]{36}$/);
    expect(a.instance).not.toBe(b.instance);
    const window = await enrollAt(b, { kind: 'intake', regionCode: INTAKE_REGION, matterIds: [] }, 'window at B');
    const desk = await enrollAt(a, { kind: 'acceptance', regionCode: SERVER_REGION, matterIds: [] }, 'desk at A');

    // A first case, to give both devices a cursor past zero; its scan went up to B and A holds it too.
    const scan = randomBytes(2000);
    const sha256 = createHash('sha256').update(scan).digest('hex');
    expect((await window.putChunk(sha256, scan, 0, scan.length)).status).toBe(200);
    const first = newCase({ scans: [{ sha256, materialId: 'id_card' }] });
    expect((await window.push([first.received, first.materials])).map((r) => r.status)).toEqual([
      'accepted',
      'accepted',
    ]);
    const seen = await desk.pull(0);
    expect(seen.events.map((e) => e.eventId)).toEqual([first.received.eventId, first.materials.eventId]);
    expect((await desk.request('HEAD', `/blobs/${sha256}`)).status).toBe(200);

    const second = newCase();
    const atDesk = await heardWhileWaiting(desk, seen.cursor, () => window.push([second.received, second.materials]));
    expect(atDesk.events.map((e) => e.eventId)).toEqual([second.received.eventId, second.materials.eventId]);

    const mine = await window.pull(0);
    const accepted = acceptedEvent(second.caseId, desk, 'HM-2026-0001');
    const atWindow = await heardWhileWaiting(window, mine.cursor, async () => {
      expect((await desk.push([accepted]))[0]).toMatchObject({ status: 'accepted' });
    });
    expect(atWindow.events.map((e) => [e.eventId, e.type])).toEqual([[accepted.eventId, 'case.accepted']]);
  }, 60_000);
});
