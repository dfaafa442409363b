// The document camera chosen at a window is the device's, not the clerk's: the
// next clerk finds it selected, a restart keeps it, and a bad choice is refused
// without touching the one stored.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RpcClient } from '../../shared/rpc/client.ts';
import {
  ADMIN,
  call,
  createUser,
  login,
  refusal,
  setUpDevice,
  staffClient,
  startInProcess,
  withDb,
  type BackendUnderTest,
} from './harness.ts';

const CAMERA = { deviceId: 'a1b2c3d4e5f6', label: 'USB Camera (1bcf:2c99)' };

function storedSetting(backend: BackendUnderTest): unknown {
  return withDb(backend.dbFile, (db) =>
    db.prepare("SELECT value FROM settings WHERE key = 'devices.document_camera'").get(),
  );
}

describe('document camera choice', () => {
  let backend: BackendUnderTest;
  let admin: RpcClient;
  let clerk: RpcClient;

  beforeAll(async () => {
    backend = startInProcess();
    ({ admin } = await setUpDevice(backend));
    clerk = await staffClient(backend, admin, ['intake_clerk']);
  });
  afterAll(() => backend.stop());

  it('is none before a clerk chooses', async () => {
    expect(await call(clerk, 'devices.documentCamera', {})).toEqual({ camera: null });
  });

  it('is kept for the window: another clerk finds it, and it survives a restart', async () => {
    expect(
      await call(clerk, 'devices.setDocumentCamera', { camera: { ...CAMERA, label: ` ${CAMERA.label} ` } }),
    ).toEqual({ camera: CAMERA });
    const second = await createUser(admin, ['intake_clerk']);
    expect(await call((await login(backend, second)).client, 'devices.documentCamera', {})).toEqual({
      camera: CAMERA,
    });
    await backend.restart();
    expect(await call((await login(backend, second)).client, 'devices.documentCamera', {})).toEqual({
      camera: CAMERA,
    });
    // The clients before the restart spoke to the old backend.
    admin = (await login(backend, ADMIN)).client;
    clerk = (await login(backend, second)).client;
  });

  it('refuses a choice that is not a camera, keeping the one stored', async () => {
    const before = storedSetting(backend);
    for (const camera of [
      { deviceId: '', label: 'USB Camera' },
      { deviceId: '   ', label: 'USB Camera' },
      { deviceId: 'x'.repeat(201), label: 'USB Camera' },
      { deviceId: 'a1', label: 'x'.repeat(201) },
      { label: 'USB Camera' },
    ]) {
      expect(await refusal(clerk.request('devices.setDocumentCamera', { camera } as never))).toMatchObject({
        code: 'INVALID_INPUT',
      });
    }
    expect(await refusal(clerk.request('devices.setDocumentCamera', {} as never))).toMatchObject({
      code: 'INVALID_INPUT',
    });
    expect(storedSetting(backend)).toEqual(before);
    expect(await call(clerk, 'devices.documentCamera', {})).toEqual({ camera: CAMERA });
  });

  it('is neither read nor changed by a role that does not scan', async () => {
    const auditor = await staffClient(backend, admin, ['auditor']);
    expect(await refusal(auditor.request('devices.documentCamera', {}))).toMatchObject({ code: 'PERMISSION_DENIED' });
    expect(await refusal(auditor.request('devices.setDocumentCamera', { camera: null }))).toMatchObject({
      code: 'PERMISSION_DENIED',
    });
    expect(await call(clerk, 'devices.documentCamera', {})).toEqual({ camera: CAMERA });
  });

  it('is forgotten with null, and a stored value that no longer reads as a camera counts as none', async () => {
    expect(await call(clerk, 'devices.setDocumentCamera', { camera: null })).toEqual({ camera: null });
    expect(await call(clerk, 'devices.documentCamera', {})).toEqual({ camera: null });
    withDb(backend.dbFile, (db) =>
      db
        .prepare(
          "INSERT INTO settings (key, value, updated_at) VALUES ('devices.document_camera', ?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        )
        .run('{"deviceId":', new Date().toISOString()),
    );
    expect(await call(clerk, 'devices.documentCamera', {})).toEqual({ camera: null });
  });
});
