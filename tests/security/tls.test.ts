// The link to the exchange server: TLS to a pinned server key, answers signed
// with it, plain http refused, invitations that carry the pin. Played with a
// real server listening on loopback, real devices (the backend in this
// process), and real TLS in between.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RemoteClient, RemoteError } from '../../electron/backend/sync/remote-client.ts';
import { pinFromStored } from '../../electron/backend/sync/server-trust.ts';
import { formatInvitation, parseInvitation } from '../../shared/sync/invitation.ts';
import type { RemoteStatus } from '../../shared/rpc/contract.ts';
import type { RpcClient } from '../../shared/rpc/client.ts';
import type { Scope } from '../../shared/sync/protocol.ts';
import { issueEnrollmentCode } from '../../server/enrollment.ts';
import { acceptedEvent, enroll, httpTransport } from '../support/server.ts';
import {
  call,
  invitationTo,
  pensionTransfer,
  refusal,
  setUpDevice,
  staffClient,
  startInProcess,
  startListeningServer,
  tempDataDir,
  until,
  withDb,
  type BackendUnderTest,
  type ListeningServer,
} from '../integration/harness.ts';
import { SwitchableLink, TamperingLink, type Tampering } from './tls-links.ts';

const INTAKE: Scope = { kind: 'intake', regionCode: '360430', matterIds: [] };
const NAME = '黄梅县交换服务器';

let server: ListeningServer;
let device: BackendUnderTest;
let admin: RpcClient;
const closers: (() => Promise<void>)[] = [];

beforeEach(async () => {
  server = await startListeningServer();
  device = startInProcess();
  admin = (await setUpDevice(device)).admin;
});
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
  await device.stop();
  await server.close();
  delete process.env.TONGBAN_ALLOW_PLAIN_HTTP;
});

async function remoteOf(client: RpcClient): Promise<RemoteStatus | undefined> {
  return (await call(client, 'sync.status', {})).find((r) => r.regionCode === '421127');
}

/** An invitation to the real server, but naming `url` as its address. */
async function invitationVia(url: string): Promise<string> {
  const { code } = await issueEnrollmentCode(server.store, INTAKE);
  return formatInvitation({ server: url, code, fingerprint: server.identity.fingerprint });
}

describe('H1 TLS with a pinned server key', () => {
  it('a man in the middle with another key: enrollment is refused and the MITM reads no request', async () => {
    const link = await SwitchableLink.start(server.port);
    closers.push(() => link.close());
    link.switchToMitm();

    const refused = await refusal(
      admin.request('sync.addRemote', { invitation: await invitationVia(link.url), name: NAME }),
    );
    expect(refused.reason).toBe('server_key_mismatch');
    // The device did reach the man in the middle, and not one byte of the request (code, device key, name) followed.
    expect(link.connections).toBeGreaterThan(0);
    expect(Buffer.concat(link.seenInClear).length).toBe(0);
    expect(await server.store.devices()).toEqual([]);
  });

  it('a man in the middle after enrollment: the device sends no case to it and says why', async () => {
    const link = await SwitchableLink.start(server.port);
    closers.push(() => link.close());
    await call(admin, 'sync.addRemote', { invitation: await invitationVia(link.url), name: NAME });
    const clerk = await staffClient(device, admin, ['intake_clerk']);
    await until(
      () => remoteOf(clerk),
      (r) => r?.online === true,
      'the honest link to be up',
    );

    link.switchToMitm();
    const { caseId } = await call(clerk, 'intake.submit', pensionTransfer());
    await call(clerk, 'sync.now', {});
    const remote = await until(
      () => remoteOf(clerk),
      (r) => r?.lastErrorReason === 'server_key_mismatch',
      'the device to refuse the other key',
    );
    expect(remote?.queueDepth).toBe(2);
    expect(Buffer.concat(link.seenInClear).length).toBe(0);
    expect(await server.store.caseRecord(caseId)).toBeNull();
  });

  it('a remote enrolled before keys were pinned: nothing is sent until it is added again with an invitation', async () => {
    await call(admin, 'sync.addRemote', { invitation: await invitationTo(server, INTAKE), name: NAME });
    const clerk = await staffClient(device, admin, ['intake_clerk']);
    await until(
      () => remoteOf(clerk),
      (r) => r?.online === true,
      'the link to be up',
    );
    // As a remote enrolled by an earlier version stands after migration 0010: no pin.
    withDb(device.dbFile, (db) =>
      db.prepare('UPDATE remotes SET server_key_fingerprint = NULL, server_public_key = NULL').run(),
    );

    const { caseId } = await call(clerk, 'intake.submit', pensionTransfer());
    await call(clerk, 'sync.now', {});
    await until(
      () => remoteOf(clerk),
      (r) => r?.lastErrorReason === 'server_key_unknown',
      'the device to say why',
    );
    expect(await server.store.caseRecord(caseId)).toBeNull();

    await call(admin, 'sync.addRemote', { invitation: await invitationTo(server, INTAKE), name: NAME });
    await until(
      () => remoteOf(clerk),
      (r) => r?.queueDepth === 0,
      'the case to go once the key is pinned again',
    );
    expect(await server.store.caseRecord(caseId)).not.toBeNull();
  });

  for (const tampering of ['body', 'status', 'unsigned'] as const satisfies readonly Tampering[]) {
    it(`an answer with ${tampering === 'unsigned' ? 'its signature stripped' : `an altered ${tampering}`}: refused`, async () => {
      const link = await TamperingLink.start(server.port, server.identity);
      closers.push(() => link.close());
      const { enrolled, serverPublicKey } = await enrollThrough(link.url);
      const client = new RemoteClient(
        link.url,
        enrolled.deviceId,
        enrolled.key,
        pinFromStored(server.identity.fingerprint, serverPublicKey),
      );
      expect((await client.pull(0, 0)).events).toEqual([]);

      link.tampering = tampering;
      const error = await client.pull(0, 0).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(RemoteError);
      expect((error as RemoteError).kind).toBe('trust');
      expect((error as RemoteError).reason).toBe(tampering === 'unsigned' ? 'answer_unsigned' : 'answer_signature_bad');
      expect(link.altered).toBeGreaterThan(0);
    });
  }

  it('an altered answer to a pull: the decision in it is not applied, and the reason is shown', async () => {
    const link = await TamperingLink.start(server.port, server.identity);
    closers.push(() => link.close());
    await call(admin, 'sync.addRemote', { invitation: await invitationVia(link.url), name: NAME });
    const clerk = await staffClient(device, admin, ['intake_clerk']);
    const { caseId } = await call(clerk, 'intake.submit', pensionTransfer());
    await until(
      () => remoteOf(clerk),
      (r) => r?.queueDepth === 0,
      'the case to reach the server',
    );

    link.tampering = 'body';
    const desk = await enroll(
      server,
      httpTransport(server.url, server.identity.certificatePem),
      { kind: 'acceptance', regionCode: '421127' },
      '黄梅县受理台',
    );
    expect((await desk.push([acceptedEvent(caseId, desk, 'HM-2026-000777')]))[0]).toMatchObject({ status: 'accepted' });
    await call(clerk, 'sync.now', {});
    await until(
      () => remoteOf(clerk),
      (r) => r?.lastErrorReason === 'answer_signature_bad',
      'the device to refuse the altered answer',
    );
    expect((await call(clerk, 'cases.get', { caseId })).row.status).not.toBe(3);
    const accepted = withDb(device.dbFile, (db) =>
      db.prepare("SELECT count(*) AS n FROM case_events WHERE type = 'case.accepted'").get(),
    );
    expect(accepted).toEqual({ n: 0 });
  });

  it('a plain http:// remote is refused; only loopback with the development switch may use it', async () => {
    const plain = await startListeningServer({ plainHttp: true });
    closers.push(() => plain.close());
    const url = plain.url.replace('https:', 'http:');
    const invitation = async (to: string) =>
      formatInvitation({
        server: to,
        code: (await issueEnrollmentCode(plain.store, INTAKE)).code,
        fingerprint: plain.identity.fingerprint,
      });

    expect(
      (await refusal(admin.request('sync.addRemote', { invitation: await invitation(url), name: NAME }))).reason,
    ).toBe('plain_http_refused');
    process.env.TONGBAN_ALLOW_PLAIN_HTTP = '1';
    // Not on another address, switch or not.
    expect(
      (
        await refusal(
          admin.request('sync.addRemote', { invitation: await invitation('http://192.0.2.10:8440'), name: NAME }),
        )
      ).reason,
    ).toBe('plain_http_refused');
    const added = await call(admin, 'sync.addRemote', { invitation: await invitation(url), name: NAME });
    expect(added.enrolled).toBe(true);
  });

  it('the server will not serve plain http on a network address, switch or not', async () => {
    const dataDir = tempDataDir('tongban-tls-');
    const child = spawn(
      process.execPath,
      [
        new URL('../../server/main.ts', import.meta.url).pathname,
        '--host',
        '0.0.0.0',
        '--port',
        '0',
        '--region',
        '421127',
        '--data-dir',
        dataDir,
      ],
      { env: { ...process.env, DATABASE_URL: '', TONGBAN_ALLOW_PLAIN_HTTP: '1' }, stdio: ['ignore', 'ignore', 'pipe'] },
    );
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (text: string) => (stderr += text));
    const [code] = (await once(child, 'exit')) as [number];
    expect(code).toBe(2);
    expect(stderr).toContain('loopback');
  });

  it('an invitation round trip; a tampered fingerprint fails enrollment and leaves the code unused', async () => {
    const text = await invitationTo(server, INTAKE);
    const invitation = parseInvitation(text)!;
    expect(invitation).toMatchObject({ server: server.url, fingerprint: server.identity.fingerprint });
    expect(formatInvitation(invitation)).toBe(text);
    expect(parseInvitation(`  ${text.slice(0, 40)}\n${text.slice(40)}  `)).toEqual(invitation);

    const last = invitation.fingerprint.at(-1) === '0' ? '1' : '0';
    const tampered = formatInvitation({ ...invitation, fingerprint: invitation.fingerprint.slice(0, -1) + last });
    expect((await refusal(admin.request('sync.addRemote', { invitation: tampered, name: NAME }))).reason).toBe(
      'server_key_mismatch',
    );
    expect(
      (await refusal(admin.request('sync.addRemote', { invitation: 'tongban-invite:v1?code=x', name: NAME }))).reason,
    ).toBe('invitation_invalid');
    // Nothing reached the server: the code is still good, with the true invitation.
    expect((await call(admin, 'sync.addRemote', { invitation: text, name: NAME })).enrolled).toBe(true);
  });
});

/** A device key enrolled at the server through `url`, the way the device's client does it. */
async function enrollThrough(url: string) {
  const { generateKeyPairSync } = await import('node:crypto');
  const { enroll: enrollAt } = await import('../../electron/backend/sync/remote-client.ts');
  const pair = generateKeyPairSync('ed25519');
  const { code } = await issueEnrollmentCode(server.store, INTAKE);
  const { enrolled, serverPublicKey } = await enrollAt(url, server.identity.fingerprint, {
    code,
    publicKey: pair.publicKey.export({ format: 'der', type: 'spki' }).toString('base64'),
    deviceName: 'window',
  });
  return { enrolled: { ...enrolled, key: pair.privateKey }, serverPublicKey };
}
