// The two-region walk with region 421127's exchange server run as two
// instances, each a real process, on one PostgreSQL schema and one blob store:
// the intake window of 360430 syncs through instance A, the handling
// region's acceptance desk through instance B (real device backends driven
// over RPC, their sync engines on their own). A case goes the whole way —
// submitted with scans at the window, pulled with them and decided at the
// desk, its result document back at the window, collected there — and every
// scan is downloaded, and checked against its SHA-256, through the instance
// that did not receive it. Once with the scans in the data folder both
// instances share, once in their PostgreSQL database.
import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RpcClient } from '../../shared/rpc/client.ts';
import type { CaseDetail } from '../../shared/rpc/contract.ts';
import {
  call,
  HUANGMEI_DESK,
  makePng,
  pensionTransfer,
  until,
  uploadScan,
  type Place,
} from '../integration/harness.ts';
import {
  INSTANCES_SKIPPED,
  startInstances,
  type InstancesBlobStore,
  type ServerInstance,
  type ServerInstances,
} from '../support/server.ts';
import { placeAtInstance } from './places.ts';

if (INSTANCES_SKIPPED) console.log(`Two-instance walk skipped: ${INSTANCES_SKIPPED}`);

const sha256Of = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');
/** Larger than a blob chunk (1 MiB): it goes up to its instance in several PUTs. */
const bigPdf = (): Buffer => Buffer.concat([Buffer.from('%PDF-1.4\n'), randomBytes(1_400_000)]);

async function upload(client: RpcClient, bytes: Buffer, mediaType: string): Promise<string> {
  const scan = await uploadScan(client, bytes, mediaType, Math.ceil(bytes.length / 500_000));
  if (!scan.ok) throw new Error(`upload failed: ${scan.error.code}`);
  expect(scan.value.sha256).toBe(sha256Of(bytes));
  return scan.value.sha256;
}

/** Which instances logged that they stored the blob (each does once it has checked its hash). */
function storedBy(cluster: ServerInstances, sha256: string): string[] {
  const names = ['A', 'B'];
  return cluster.instances
    .filter((instance) => instance.log.some((line) => line.includes('"event":"blob_stored"') && line.includes(sha256)))
    .map((instance) => names[cluster.instances.indexOf(instance)]!);
}

const BLOB_STORES: InstancesBlobStore[] = ['folder', 'postgresql'];
/**
 * How long a place may take to hear of a step: past a long poll's timeout, so
 * that a loaded machine never fails the walk (the wake-ups have a test of their own).
 */
const ACROSS_MS = 45_000;
const STEP_MS = 120_000;

(INSTANCES_SKIPPED ? describe.skip : describe).each(BLOB_STORES)(
  'the two-region walk over two instances, scans in the %s blob store',
  (blobStore) => {
    let cluster: ServerInstances;
    let window: Place;
    let desk: Place;
    let caseId: string;
    const scans = { idCard: makePng(`id-card-${blobStore}`), certificate: bigPdf() };

    beforeAll(async () => {
      cluster = await startInstances(2, { blobStore });
      const [a, b] = cluster.instances as [ServerInstance, ServerInstance];
      window = await placeAtInstance(cluster, a, undefined, ['intake_clerk', 'result_desk'], {
        kind: 'intake',
        regionCode: '360430',
        matterIds: [],
      });
      desk = await placeAtInstance(cluster, b, HUANGMEI_DESK, ['handling_officer'], {
        kind: 'acceptance',
        regionCode: HUANGMEI_DESK.regionCode,
        matterIds: [],
      });
    }, 60_000);
    afterAll(async () => {
      for (const place of [window, desk]) await place?.device.stop();
      await cluster?.stop();
    }, 60_000);

    const arrives = (at: Place, done: (d: CaseDetail) => boolean, what: string): Promise<CaseDetail> =>
      until(
        async () => {
          const found = await at.staff.request('cases.get', { caseId });
          return found.ok ? found.value : null;
        },
        (d) => d !== null && done(d),
        what,
        ACROSS_MS,
      ) as Promise<CaseDetail>;
    const record = (at: Place, type: string, payload: unknown) =>
      call(at.staff, 'cases.record', { caseId, type, payload } as never);
    /** The scan's bytes as the place holds them, checked against the name they go by. */
    async function held(at: Place, sha256: string): Promise<Buffer> {
      const scan = await call(at.staff, 'scans.get', { sha256, caseId });
      const bytes = Buffer.from(scan.data, 'base64');
      expect(sha256Of(bytes)).toBe(sha256);
      return bytes;
    }

    it(
      'takes the case in with its scans through A; the desk pulls it and its scans through B',
      async () => {
        const idCard = await upload(window.staff, scans.idCard, 'image/png');
        const certificate = await upload(window.staff, scans.certificate, 'application/pdf');
        caseId = (
          await call(
            window.staff,
            'intake.submit',
            pensionTransfer({
              scans: [
                { sha256: idCard, materialId: 'id_card' },
                { sha256: certificate, materialId: 'contribution_certificate' },
              ],
            }),
          )
        ).caseId;
        const arrived = await arrives(
          desk,
          (d) => d.scans.length === 2 && d.scans.every((scan) => scan.held),
          'the case and both scans at the desk',
        );
        expect(arrived.row).toMatchObject({ origin: 'inbox', status: 1, subState: 'delivered' });
        expect(arrived.timeline.map((e) => e.type)).toEqual(['case.received', 'case.materials_checked']);
        expect((await held(desk, idCard)).equals(scans.idCard)).toBe(true);
        expect((await held(desk, certificate)).equals(scans.certificate)).toBe(true);
        // A checked and kept them; B never had them uploaded, and served them from the shared store.
        expect(storedBy(cluster, idCard)).toEqual(['A']);
        expect(storedBy(cluster, certificate)).toEqual(['A']);
      },
      STEP_MS,
    );

    it(
      'is signed for, accepted and concluded through B; the decision and result reach the window through A',
      async () => {
        await record(desk, 'case.signed_for', { part: 'electronic' });
        await arrives(window, (d) => d.row.subState === 'materials_signed_for', 'signed for, at the window');
        await record(desk, 'case.accepted', { acceptanceNo: 'HM-RS-2026-000201' });
        const approval = makePng(`transfer-approval-${blobStore}`);
        const result = await upload(desk.staff, approval, 'image/png');
        await record(desk, 'case.concluded_approved', {
          resultDocuments: [
            { sha256: result, materialId: null, mediaType: 'image/png', title: '基本养老保险关系转移接续联系函' },
          ],
        });
        await record(desk, 'case.result_mailed', {
          carrier: 'EMS',
          waybillNo: '1180000000201',
          mailedOn: '2026-11-22',
          to: 'intake_window',
        });
        const mailed = await arrives(window, (d) => d.row.subState === 'result_in_transit', 'the result mailed');
        expect(mailed.row.status).toBe(11);
        expect(mailed.timeline.map((e) => e.type)).toEqual([
          'case.received',
          'case.materials_checked',
          'case.signed_for',
          'case.accepted',
          'case.concluded_approved',
          'case.result_mailed',
        ]);
        await until(
          () => window.staff.request('scans.get', { sha256: result, caseId }),
          (answer) => answer.ok,
          'the result document at the window',
          ACROSS_MS,
        );
        expect((await held(window, result)).equals(approval)).toBe(true);
        expect(storedBy(cluster, result)).toEqual(['B']);
      },
      STEP_MS,
    );

    it(
      'is collected at the window; the desk hears it; every event is on the server once',
      async () => {
        await record(window, 'case.result_arrived', { waybillNo: '1180000000201' });
        const signature = await upload(window.staff, makePng(`signature-${blobStore}`), 'image/png');
        await record(window, 'case.result_collected', {
          collector: { name: '欧阳娜娜', idKind: 'resident_id', idNumber: '11010219781027232X' },
          byApplicant: true,
          signature: { sha256: signature, source: 'screen' },
        });
        const seen = await arrives(desk, (d) => d.row.subState === 'collected', 'the collection at the desk');
        const atWindow = await call(window.staff, 'cases.get', { caseId });
        expect(seen.timeline.map((e) => e.eventId)).toEqual(atWindow.timeline.map((e) => e.eventId));

        const admin = await cluster.openStore();
        try {
          const { rows } = await admin.connections.query<{ event_id: string; n: string }>(
            'SELECT event_id, count(*) AS n FROM events WHERE case_id = $1 GROUP BY event_id',
            [caseId],
          );
          expect(rows.map((r) => Number(r.n))).toEqual(rows.map(() => 1));
          expect(new Set(rows.map((r) => r.event_id))).toEqual(new Set(atWindow.timeline.map((e) => e.eventId)));
        } finally {
          await admin.close();
        }
      },
      STEP_MS,
    );
  },
);
