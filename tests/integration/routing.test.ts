// Routing by the applicant's place: a matter whose handling place is the
// applicant's 参保地 goes to the region the clerk chose; a missing or unknown
// region is refused with nothing written; a region without a server keeps its
// cases on the device, shown as having no route, until an administrator adds
// that region's server — then they leave, and arrive there.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RpcClient } from '../../shared/rpc/client.ts';
import type { RemoteStatus } from '../../shared/rpc/contract.ts';
import {
  addRemoteAt,
  call,
  countRows,
  refusal,
  seedIntake,
  seedMatter,
  setUpDevice,
  staffClient,
  startInProcess,
  startListeningServer,
  until,
  withDb,
  type BackendUnderTest,
  type ListeningServer,
  type Submission,
} from './harness.ts';

const SUSONG = '340826';
const HUANGMEI = '421127';

/** A KST-SI-002 (参保地) intake meeting every rule but the handling region, which is the test's. */
function contributionRecord(handlingRegion: string | undefined): Submission {
  return seedIntake('KST-SI-002', { handlingRegion });
}

describe('routing a case by the applicant’s place', () => {
  let device: BackendUnderTest;
  let admin: RpcClient;
  let clerk: RpcClient;
  let susongServer: ListeningServer | undefined;
  const remote = async (region: string): Promise<RemoteStatus | undefined> =>
    (await call(clerk, 'sync.status', {})).find((r) => r.regionCode === region);
  const tables = ['cases', 'case_events', 'outbox_events', 'case_search', 'case_no_counters', 'remotes'];

  beforeAll(async () => {
    device = startInProcess();
    admin = (await setUpDevice(device)).admin;
    clerk = await staffClient(device, admin, ['intake_clerk']);
  });
  afterAll(async () => {
    await device.stop();
    await susongServer?.close();
  });

  it.each([
    ['missing', undefined, 'handling_region_missing', { source: 'insured_place' }],
    ['empty', '', 'handling_region_missing', { source: 'insured_place' }],
    ['not a county-level code', '340800', 'handling_region_unknown', { source: 'insured_place', code: '340800' }],
    ['not in the list', '999999', 'handling_region_unknown', { source: 'insured_place', code: '999999' }],
    ['not six digits', '34082', 'handling_region_unknown', { source: 'insured_place', code: '34082' }],
  ])('refuses a 参保地 case whose region is %s, writing nothing', async (_, region, reason, params) => {
    const before = countRows(device.dbFile, tables);
    const error = await refusal(clerk.request('intake.submit', contributionRecord(region)));
    expect(error).toMatchObject({ code: 'REJECTED', reason, params: { field: 'handlingRegion', ...params } });
    expect(countRows(device.dbFile, tables)).toEqual(before);
  });

  it('refuses another region for a matter handled at a fixed place', async () => {
    const matter = seedMatter('KST-TAL-002');
    expect(matter.handlingRegionFrom).toBeUndefined();
    const before = countRows(device.dbFile, tables);
    const submission: Submission = {
      ...contributionRecord(SUSONG),
      matterId: matter.id,
      materials: matter.materials
        .filter((m) => m.requirement === 'required')
        .map((m) => ({ materialId: m.id, outcome: 'received' as const, forms: [...m.acceptedForms] })),
      formData: Object.fromEntries(matter.formFields.filter((f) => f.required).map((f) => [f.id, '2024'])),
    };
    expect(await refusal(clerk.request('intake.submit', submission))).toMatchObject({
      reason: 'handling_region_fixed',
      params: { field: 'handlingRegion', code: HUANGMEI },
    });
    expect(countRows(device.dbFile, tables)).toEqual(before);
  });

  let susongCase: string;
  let huangmeiCase: string;

  it('routes each case to the region chosen, each region with its own outbox', async () => {
    susongCase = (await call(clerk, 'intake.submit', contributionRecord(SUSONG))).caseId;
    huangmeiCase = (await call(clerk, 'intake.submit', contributionRecord(HUANGMEI))).caseId;

    const susong = await call(clerk, 'cases.get', { caseId: susongCase });
    expect(susong.row).toMatchObject({ handlingRegion: SUSONG, intakeRegion: '360430', noRoute: true });
    expect(susong.timeline[0]).toMatchObject({ type: 'case.received' });
    expect((await call(clerk, 'cases.get', { caseId: huangmeiCase })).row.handlingRegion).toBe(HUANGMEI);

    const outboxes = withDb(device.dbFile, (db) =>
      db
        .prepare(
          `SELECT r.region_code AS region, r.url, count(o.event_id) AS events
           FROM remotes r LEFT JOIN outbox_events o USING (remote_id) GROUP BY r.remote_id ORDER BY r.region_code`,
        )
        .all(),
    );
    expect(outboxes).toEqual([
      { region: SUSONG, url: null, events: 2 },
      { region: HUANGMEI, url: null, events: 2 },
    ]);
  });

  it('shows the cases with no route, and the regions waiting without a server', async () => {
    const rows = (await call(clerk, 'cases.list', {})).rows;
    expect(Object.fromEntries(rows.map((r) => [r.caseId, [r.handlingRegion, r.noRoute, r.syncState]]))).toEqual({
      [susongCase]: [SUSONG, true, 'queued'],
      [huangmeiCase]: [HUANGMEI, true, 'queued'],
    });
    expect(await remote(SUSONG)).toMatchObject({ url: null, enrolled: false, queueDepth: 2, queuedCases: 1 });
  });

  it('sends the waiting case once the region’s server is added, and only that region’s', async () => {
    susongServer = await startListeningServer({ region: SUSONG });
    const placeholder = (await remote(SUSONG))!.remoteId;

    const added = await addRemoteAt(
      susongServer,
      admin,
      { kind: 'intake', regionCode: '360430', matterIds: [] },
      '宿松县交换服务器',
    );
    // The placeholder row becomes the configured remote: the queued events are already its own.
    expect(added).toMatchObject({ remoteId: placeholder, regionCode: SUSONG, enrolled: true });

    await until(
      () => remote(SUSONG),
      (r) => r?.queueDepth === 0 && r.online === true,
      'the Susong outbox to drain',
    );
    const record = await susongServer.store.caseRecord(susongCase);
    expect(record).toMatchObject({ handlingRegion: SUSONG, intakeRegion: '360430' });
    expect(await susongServer.store.caseRecord(huangmeiCase)).toBeNull();

    const rows = (await call(clerk, 'cases.list', {})).rows;
    expect(Object.fromEntries(rows.map((r) => [r.caseId, [r.noRoute, r.syncState]]))).toEqual({
      [susongCase]: [false, 'synced'],
      [huangmeiCase]: [true, 'queued'],
    });
    expect(await remote(HUANGMEI)).toMatchObject({ url: null, queueDepth: 2 });
  });
});
