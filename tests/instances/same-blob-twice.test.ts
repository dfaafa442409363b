// One scan reaching both instances of a region's server at once, as it does
// behind a load balancer when the device's request is retried (or duplicated
// by the network) and the retry lands on the other instance while the first
// is still storing it: a whole scan in one PUT, and a large one whose last
// chunk arrives at both. Both answer that they hold it, neither fails, and
// both serve it whole — in the blob folder the instances share (where both
// once wrote the sealed blob to the same file before renaming it into place,
// so one renamed away the other's file or kept a mix of the two, and one read
// the other's sealed bytes as its upload's part and called them a hash
// mismatch), and in their PostgreSQL database.
import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueEnrollmentCode } from '../../server/enrollment.ts';
import { BLOB_CHUNK_BYTES } from '../../shared/sync/protocol.ts';
import {
  enrollWithCode,
  httpTransport,
  INSTANCES_SKIPPED,
  startInstances,
  TestDevice,
  type InstancesBlobStore,
  type ServerInstance,
  type ServerInstances,
} from '../support/server.ts';

if (INSTANCES_SKIPPED) console.log(`Two-instance blob tests skipped: ${INSTANCES_SKIPPED}`);

const sha256Of = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');
const ROUNDS = 10;

const BLOB_STORES: InstancesBlobStore[] = ['folder', 'postgresql'];

(INSTANCES_SKIPPED ? describe.skip : describe).each(BLOB_STORES)(
  'one scan sent to both instances at once, %s blob store',
  (blobStore) => {
    let cluster: ServerInstances;
    /** The same enrolled window, once through each instance. */
    let viaA: TestDevice;
    let viaB: TestDevice;

    beforeAll(async () => {
      cluster = await startInstances(2, { blobStore });
      const [a, b] = cluster.instances as [ServerInstance, ServerInstance];
      const admin = await cluster.openStore();
      const { code } = await issueEnrollmentCode(admin, { kind: 'intake', regionCode: '360430', matterIds: [] });
      await admin.close();
      viaA = await enrollWithCode(httpTransport(a.url, cluster.certificate), code, 'window');
      viaB = new TestDevice(httpTransport(b.url, cluster.certificate), viaA.deviceId, viaA.key, viaA.scope);
    }, 60_000);
    afterAll(() => cluster?.stop(), 60_000);

    /** What an instance answers for the blob, read back through it: its status and the bytes' hash. */
    async function readBack(device: TestDevice, sha256: string): Promise<[number, string]> {
      const answer = await device.request('GET', `/blobs/${sha256}`);
      return [answer.status, sha256Of(answer.body)];
    }

    it('keeps a scan that came whole to both, and both serve it', async () => {
      for (let round = 0; round < ROUNDS; round++) {
        const scan = randomBytes(200_000);
        const sha256 = sha256Of(scan);
        const answers = await Promise.all([viaA, viaB].map((d) => d.putChunk(sha256, scan, 0, scan.length)));
        expect(answers.map((a) => [a.status, a.body.toString()])).toEqual([
          [200, expect.stringContaining('"complete":true')],
          [200, expect.stringContaining('"complete":true')],
        ]);
        expect(await readBack(viaA, sha256)).toEqual([200, sha256]);
        expect(await readBack(viaB, sha256)).toEqual([200, sha256]);
      }
      for (const instance of cluster.instances) {
        expect(instance.log.filter((line) => /"level":(5|6)\d/.test(line))).toEqual([]);
      }
    }, 60_000);

    it('keeps a large scan whose last chunk reached both', async () => {
      for (let round = 0; round < ROUNDS / 2; round++) {
        const scan = randomBytes(BLOB_CHUNK_BYTES + 300_000);
        const sha256 = sha256Of(scan);
        expect((await viaA.putChunk(sha256, scan.subarray(0, BLOB_CHUNK_BYTES), 0, scan.length)).status).toBe(200);
        const last = scan.subarray(BLOB_CHUNK_BYTES);
        const answers = await Promise.all(
          [viaA, viaB].map((d) => d.putChunk(sha256, last, BLOB_CHUNK_BYTES, scan.length)),
        );
        expect(answers.map((a) => a.status)).toEqual([200, 200]);
        expect(await readBack(viaA, sha256)).toEqual([200, sha256]);
        expect(await readBack(viaB, sha256)).toEqual([200, sha256]);
      }
      for (const instance of cluster.instances) {
        expect(instance.log.filter((line) => /"level":(5|6)\d/.test(line))).toEqual([]);
      }
    }, 60_000);
  },
);
