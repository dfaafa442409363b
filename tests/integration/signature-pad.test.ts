// The collector's signature through the RPC: the administrator points the
// device at its pad (loopback only), a clerk takes a signature on it, and the
// PNG is stored as a file a case event can refer to. The pad is the simulator.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  startSignaturePadSimulator,
  type SignaturePadSimulator,
} from '../../electron/backend/devices/signature-pad-simulator.ts';
import { sniffMediaType } from '../../electron/backend/services/blobs.ts';
import type { RpcClient } from '../../shared/rpc/client.ts';
import { call, refusal, setUpDevice, staffClient, startInProcess, withDb, type BackendUnderTest } from './harness.ts';

describe('signature pad', () => {
  let backend: BackendUnderTest;
  let simulator: SignaturePadSimulator;
  let admin: RpcClient;
  let clerk: RpcClient;
  let auditor: RpcClient;

  beforeAll(async () => {
    backend = startInProcess();
    simulator = await startSignaturePadSimulator();
    ({ admin } = await setUpDevice(backend));
    clerk = await staffClient(backend, admin, ['intake_clerk']);
    auditor = await staffClient(backend, admin, ['auditor']);
  });
  afterAll(async () => {
    await simulator.close();
    await backend.stop();
  });

  it('is not configured at first: a capture says so', async () => {
    expect(await call(clerk, 'devices.signaturePad', {})).toEqual({ configured: false, url: null });
    expect(await refusal(clerk.request('devices.captureSignature', { prompt: '请签名' }))).toMatchObject({
      code: 'REJECTED',
      reason: 'signature_pad_not_configured',
    });
  });

  it('is configured by the administrator, on this machine only', async () => {
    for (const url of ['http://192.168.1.20:38088', 'http://pad.example.cn:38088']) {
      expect(await refusal(admin.request('devices.setSignaturePad', { url }))).toMatchObject({
        code: 'REJECTED',
        reason: 'signature_pad_not_local',
      });
    }
    expect(await refusal(admin.request('devices.setSignaturePad', { url: 'https://127.0.0.1:38088' }))).toMatchObject({
      code: 'INVALID_INPUT',
    });
    const configured = await call(admin, 'devices.setSignaturePad', { url: `${simulator.url}/` });
    expect(configured).toEqual({ configured: true, url: simulator.url });
    expect(await call(clerk, 'devices.signaturePad', {})).toEqual(configured);
  });

  it('is not configured by a clerk', async () => {
    expect(await refusal(clerk.request('devices.setSignaturePad', { url: null }))).toMatchObject({
      code: 'PERMISSION_DENIED',
    });
  });

  it('takes a clerk’s signature: the PNG is stored and the capture audited without personal data', async () => {
    simulator.behave({ answer: 'signature', delayMs: 0 });
    const scan = await call(clerk, 'devices.captureSignature', { prompt: '  请签名确认领取结果  ' });
    expect(simulator.prompts.at(-1)).toBe('请签名确认领取结果');
    expect(scan).toMatchObject({ mediaType: 'image/png', thumbnailSha256: null });
    withDb(backend.dbFile, (db) => {
      const blob = db.prepare('SELECT media_type, size FROM blobs WHERE sha256 = ?').get(scan.sha256);
      expect(blob).toEqual({ media_type: 'image/png', size: scan.size });
      const entry = db
        .prepare("SELECT detail FROM audit_log WHERE action = 'signature.capture' ORDER BY at DESC LIMIT 1")
        .get() as { detail: string };
      expect(JSON.parse(entry.detail)).toEqual({ sha256: scan.sha256, size: scan.size });
    });
    // Stored like any scan: encrypted at rest.
    const file = readFileSync(join(backend.dataDir, 'blobs', scan.sha256.slice(0, 2), `${scan.sha256}.tbb`));
    expect(sniffMediaType(file)).toBeNull();
  });

  it('says when the signature was cancelled, is no PNG, or the pad is gone', async () => {
    simulator.behave({ answer: 'cancel' });
    expect(await refusal(clerk.request('devices.captureSignature', { prompt: '' }))).toMatchObject({
      reason: 'signature_cancelled',
    });
    simulator.behave({ answer: 'garbage' });
    expect(await refusal(clerk.request('devices.captureSignature', { prompt: '' }))).toMatchObject({
      reason: 'signature_invalid',
    });
    const gone = await startSignaturePadSimulator();
    await gone.close();
    await call(admin, 'devices.setSignaturePad', { url: gone.url });
    expect(await refusal(clerk.request('devices.captureSignature', { prompt: '' }))).toMatchObject({
      reason: 'signature_pad_unreachable',
      params: { url: gone.url },
    });
    await call(admin, 'devices.setSignaturePad', { url: simulator.url });
  });

  it('is turned off with null', async () => {
    expect(await call(admin, 'devices.setSignaturePad', { url: null })).toEqual({ configured: false, url: null });
    await call(admin, 'devices.setSignaturePad', { url: simulator.url });
  });

  it('is not used by an auditor, and its setting is visible to the administrator who manages it', async () => {
    expect(await refusal(auditor.request('devices.captureSignature', { prompt: '' }))).toMatchObject({
      code: 'PERMISSION_DENIED',
    });
    expect(await call(admin, 'devices.signaturePad', {})).toEqual({ configured: true, url: simulator.url });
  });
});
