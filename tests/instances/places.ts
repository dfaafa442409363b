// Places around a region's exchange server run as several instances: a real
// device backend (in this process), set up with its administrator, enrolled at
// one instance with a one-time code of its scope as the server's admin CLI
// makes one, and one member of staff logged in. Which instance a place syncs
// through is its remote's address: the place never hears of the others.
import { issueEnrollmentCode } from '../../server/enrollment.ts';
import type { Role } from '../../shared/auth/permissions.ts';
import type { Scope } from '../../shared/sync/protocol.ts';
import { call, setUpDevice, staffClient, startInProcess, type Place } from '../integration/harness.ts';
import type { ServerInstance, ServerInstances } from '../support/server.ts';

export async function placeAtInstance(
  cluster: ServerInstances,
  instance: ServerInstance,
  device: Parameters<typeof setUpDevice>[1],
  roles: Role[],
  scope: Scope,
): Promise<Place> {
  const backend = startInProcess();
  const { admin } = await setUpDevice(backend, device);
  const store = await cluster.openStore();
  const { code } = await issueEnrollmentCode(store, scope).finally(() => store.close());
  await call(admin, 'sync.addRemote', {
    url: instance.url,
    code,
    fingerprint: cluster.fingerprint,
    name: '黄梅县交换服务器',
  });
  return { device: backend, staff: await staffClient(backend, admin, roles) };
}
