// What the route handlers share: the store, the server's region, the parts
// that outlive a request (the blob store, the append signal, group commits, rate
// buckets, the known device keys), and the handler's shape. app.ts registers
// one handler per operation of the route table (routes.ts).
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { BlobStore } from '../blob-store/sealed-blobs.ts';
import type { GroupCommit } from '../group-commit.ts';
import type { RequestAuthentication, Signed } from '../http/authenticate.ts';
import type { AppendSignal } from '../long-poll.ts';
import type { TokenBuckets } from '../rate-limit.ts';
import type { ServerSigningKey } from '../server-key.ts';
import type { OperationId } from '../routes.ts';
import type { DeviceRecord, Party, ServerStore } from '../storage/contract.ts';

export interface RouteContext {
  store: ServerStore;
  /** The server's own region. */
  region: string;
  /** The configured blob store (blob-store/). */
  blobs: BlobStore;
  appended: AppendSignal;
  commits: GroupCommit;
  buckets: TokenBuckets;
  authentication: RequestAuthentication;
  /** Vouches for the device keys the server lists (server-key.ts). */
  serverKey: ServerSigningKey;
}

/** `signed` is the checked signature of a signed route, null on an open one. */
export type Handler = (request: FastifyRequest, reply: FastifyReply, signed: Signed | null) => Promise<unknown>;

export type Handlers<K extends OperationId> = Record<K, Handler>;

/** Whose cases a device may see: an intake window its own, an acceptance desk its region's matters. */
export function partyOf(device: DeviceRecord, region: string): Party {
  return device.scope.kind === 'intake'
    ? { kind: 'intake', deviceId: device.deviceId }
    : { kind: 'acceptance', region, matterIds: device.scope.matterIds };
}
