// A scan is personal data: its bytes and its thumbnail are served only through
// the case it belongs to, or the viewer's own unsubmitted draft. Asking for a
// scan of another case — by its hash, under a case one may read — is answered
// as if the scan did not exist.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RpcClient } from '../../shared/rpc/client.ts';
import {
  call,
  createUser,
  login,
  makePng,
  pensionTransfer,
  refusal,
  setUpDevice,
  startChild,
  type BackendUnderTest,
} from '../integration/harness.ts';

let backend: BackendUnderTest;
let clerk: RpcClient;
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
  const { admin } = await setUpDevice(backend);
  ({ client: clerk } = await login(backend, await createUser(admin, ['intake_clerk'])));
  cases.push(await caseWithScan('first'), await caseWithScan('second'));
});
afterAll(async () => {
  await backend.stop();
});

describe('a scan is read only through its own case', () => {
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
