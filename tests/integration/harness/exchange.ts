// A real exchange server for the integration tests, listening on loopback over
// HTTPS with the test run's self-signed certificate, and devices that enrol at
// it the way an administrator does: an invitation from the server (address,
// one-time code, the server key's fingerprint), pasted into the device's 添加服务器.
import type { AddressInfo } from 'node:net';
import { issueEnrollmentCode } from '../../../server/enrollment.ts';
import { call, type RpcClient } from '../../../shared/rpc/client.ts';
import type { Role } from '../../../shared/auth/permissions.ts';
import type { MethodOutput } from '../../../shared/rpc/contract.ts';
import { formatInvitation } from '../../../shared/sync/invitation.ts';
import type { Scope } from '../../../shared/sync/protocol.ts';
import { startServer, type TestServer } from '../../support/server.ts';
import { startInProcess, type BackendUnderTest } from './backends.ts';
import { setUpDevice, staffClient } from './users.ts';

export interface ListeningServer extends TestServer {
  /** The port it was given, for a server started again in its place. */
  port: number;
  /** Where devices reach it: https://127.0.0.1 and that port. */
  url: string;
}

/** A test exchange server listening on a free loopback port. */
export async function startListeningServer(options?: Parameters<typeof startServer>[0]): Promise<ListeningServer> {
  const server = await startServer(options);
  await server.app.listen({ host: '127.0.0.1', port: 0 });
  const { port } = server.app.server.address() as AddressInfo;
  return Object.assign(server, { port, url: `https://127.0.0.1:${port}` });
}

/** An invitation to the server for a device of this scope, as its admin CLI prints one. */
export async function invitationTo(server: ListeningServer, scope: Scope): Promise<string> {
  const { code } = await issueEnrollmentCode(server.store, scope);
  return formatInvitation({ server: server.url, code, fingerprint: server.identity.fingerprint });
}

/** The device's administrator adds the server as a remote with a fresh code of this scope. */
export async function addRemoteAt(
  server: ListeningServer,
  admin: RpcClient,
  scope: Scope,
  name = '黄梅县交换服务器',
): Promise<MethodOutput<'sync.addRemote'>> {
  return call(admin, 'sync.addRemote', { invitation: await invitationTo(server, scope), name });
}

/** A place around the server: a device of its own, enrolled in this scope, and one member of staff. */
export interface Place {
  device: BackendUnderTest;
  staff: RpcClient;
}

/** Sets a new device up (the test device unless told), enrols it and logs in a user with these roles. */
export async function placeAt(
  server: ListeningServer,
  device: Parameters<typeof setUpDevice>[1] | undefined,
  roles: Role[],
  scope: Scope,
): Promise<Place> {
  const backend = startInProcess();
  const { admin } = await setUpDevice(backend, device);
  await addRemoteAt(server, admin, scope);
  return { device: backend, staff: await staffClient(backend, admin, roles) };
}

/** The acceptance desk of the server's region (Huangmei, 421127) the tests set up. */
export const HUANGMEI_DESK = {
  name: '黄梅县政务服务中心受理台',
  regionCode: '421127',
  hall: '黄梅县政务服务中心',
  windowNo: '01',
} as const;

/** A server with an intake window of 360430 (a clerk) and its region's acceptance desk (an officer). */
export async function windowAndDesk(): Promise<{
  server: ListeningServer;
  window: Place;
  desk: Place;
  stop(): Promise<void>;
}> {
  const server = await startListeningServer();
  const window = await placeAt(server, undefined, ['intake_clerk'], {
    kind: 'intake',
    regionCode: '360430',
    matterIds: [],
  });
  const desk = await placeAt(server, HUANGMEI_DESK, ['handling_officer'], {
    kind: 'acceptance',
    regionCode: HUANGMEI_DESK.regionCode,
    matterIds: [],
  });
  return {
    server,
    window,
    desk,
    async stop() {
      for (const place of [window, desk]) await place.device.stop();
      await server.close();
    },
  };
}
