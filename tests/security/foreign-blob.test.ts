// A scan is personal data: its bytes and its thumbnail are served only through
// the case it belongs to, or the viewer's own unsubmitted draft. Asking for a
// scan of another case — by its hash, under a case one may read — is answered
// as if the scan did not exist. Nor can a hash put another case's scan on a
// case (which would send it to that case's partner region): a file is cited
// only by the one who added it, or where it is on no case yet.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RpcClient } from '../../shared/rpc/client.ts';
import type { CaseDetail } from '../../shared/rpc/contract.ts';
import {
  call,
  countRows,
  createUser,
  login,
  makePng,
  pensionTransfer,
  refusal,
  setUpDevice,
  startChild,
  until,
  windowAndDesk,
  uploadScan,
  withDb,
  type BackendUnderTest,
  type Place,
} from '../integration/harness.ts';

let backend: BackendUnderTest;
let clerk: RpcClient;
let clerkAdmin: RpcClient;
/** Two cases, each with its own scan (with a thumbnail). */
const cases: { caseId: string; sha256: string; thumbnail: Buffer }[] = [];

async function caseWithScan(seed: string): Promise<(typeof cases)[number]> {
  const png = makePng(seed);
  const thumbnail = makePng(`${seed}-thumb`, 4, 4);
  const { uploadId } = await call(clerk, 'scans.begin', { mediaType: 'image/png', size: png.length });
  await call(clerk, 'scans.chunk', { uploadId, index: 0, data: png.toString('base64') });
  const { sha256 } = await call(clerk, 'scans.finish', { uploadId, thumbnail: thumbnail.toString('base64') });
  const { caseId } = await call(
    clerk,
    'intake.submit',
    pensionTransfer({ scans: [{ sha256, materialId: 'id_card' }] }),
  );
  return { caseId, sha256, thumbnail };
}

beforeAll(async () => {
  backend = await startChild();
  ({ admin: clerkAdmin } = await setUpDevice(backend));
  ({ client: clerk } = await login(backend, await createUser(clerkAdmin, ['intake_clerk'])));
  cases.push(await caseWithScan('first'), await caseWithScan('second'));
});
afterAll(async () => {
  await backend.stop();
});

describe('M7 a scan is read only through its own case', () => {
  it('serves the thumbnail through its case', async () => {
    const [first] = cases;
    const { data } = await call(clerk, 'scans.thumbnail', { sha256: first!.sha256, caseId: first!.caseId });
    expect(Buffer.from(data!, 'base64').equals(first!.thumbnail)).toBe(true);
  });

  it('refuses the thumbnail and the scan of another case, and outside any draft', async () => {
    const [first, second] = cases;
    for (const request of [
      () => clerk.request('scans.thumbnail', { sha256: first!.sha256, caseId: second!.caseId }),
      () => clerk.request('scans.thumbnail', { sha256: first!.sha256, caseId: null }),
      () => clerk.request('scans.get', { sha256: first!.sha256, caseId: second!.caseId }),
    ]) {
      expect(await refusal(request())).toMatchObject({ code: 'NOT_FOUND' });
    }
  });
});

describe('M7 a scan of another case cannot be put on a case by its hash', () => {
  it('refuses an intake citing another case’s scan, and makes no case', async () => {
    const [first] = cases;
    const other = (await login(backend, await createUser(clerkAdmin, ['intake_clerk']))).client;
    const before = countRows(backend.dbFile);
    const refused = await refusal(
      other.request('intake.submit', pensionTransfer({ scans: [{ sha256: first!.sha256, materialId: 'id_card' }] })),
    );
    expect(refused).toMatchObject({ code: 'REJECTED', reason: 'scan_missing' });
    expect(countRows(backend.dbFile)).toEqual(before);
    const linked = withDb(backend.dbFile, (db) =>
      db.prepare('SELECT count(*) AS n FROM case_blobs WHERE sha256 = ?').get(first!.sha256),
    ) as { n: number };
    expect(linked.n).toBe(1);
  });

  it('takes the same file again from someone who adds it', async () => {
    const other = (await login(backend, await createUser(clerkAdmin, ['intake_clerk']))).client;
    const again = await uploadScan(other, makePng('first'), 'image/png');
    if (!again.ok) throw new Error(again.error.message);
    expect(again.value.sha256).toBe(cases[0]!.sha256);
    const made = await call(
      other,
      'intake.submit',
      pensionTransfer({ scans: [{ sha256: again.value.sha256, materialId: 'id_card' }] }),
    );
    expect(made.caseNo).toMatch(/^\d{6}-/);
  });
});

describe('M7 a desk cannot conclude a case with another case’s scan as its result', () => {
  let places: Awaited<ReturnType<typeof windowAndDesk>>;
  let window: Place;
  let desk: Place;

  beforeAll(async () => {
    places = await windowAndDesk();
    ({ window, desk } = places);
  }, 60_000);
  afterAll(async () => places?.stop());

  const arrived = (caseId: string): Promise<CaseDetail> =>
    until(
      async () => {
        const found = await desk.staff.request('cases.get', { caseId });
        return found.ok ? found.value : null;
      },
      (d) => d !== null && d.scans.every((scan) => scan.held),
      'the case and its scans at the desk',
    ) as Promise<CaseDetail>;

  it('refuses a foreign scan as a result document and takes one the officer added', async () => {
    const scan = await uploadScan(window.staff, makePng('applicant-id'), 'image/png');
    if (!scan.ok) throw new Error(scan.error.message);
    const { caseId: scanned } = await call(
      window.staff,
      'intake.submit',
      pensionTransfer({ scans: [{ sha256: scan.value.sha256, materialId: 'id_card' }] }),
    );
    const { caseId: target } = await call(window.staff, 'intake.submit', pensionTransfer());
    const foreignSha = (await arrived(scanned)).scans[0]!.sha256;
    await arrived(target);
    await call(desk.staff, 'cases.record', {
      caseId: target,
      type: 'case.accepted',
      payload: { acceptanceNo: 'HM-RS-2026-000777' },
    });
    const conclude = (sha256: string) =>
      desk.staff.request('cases.record', {
        caseId: target,
        type: 'case.concluded_approved',
        payload: { resultDocuments: [{ sha256, materialId: null, mediaType: 'image/png', title: '决定书' }] },
      });
    expect(await refusal(conclude(foreignSha))).toMatchObject({ code: 'REJECTED', reason: 'scan_missing' });
    expect((await call(desk.staff, 'cases.get', { caseId: target })).scans).toEqual([]);

    const result = await uploadScan(desk.staff, makePng('decision'), 'image/png');
    if (!result.ok) throw new Error(result.error.message);
    expect((await conclude(result.value.sha256)).ok).toBe(true);
  });
});
