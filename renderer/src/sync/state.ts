import type { RemoteStatus } from '../../../shared/rpc/contract.ts';

export type RemoteState = 'notConfigured' | 'online' | 'offline' | 'notTried';

/** Bytes still on their way: the engine keeps its last progress until the whole pass ends. */
export function isSending(remote: RemoteStatus): boolean {
  return remote.sending !== null && remote.sending.done < remote.sending.total;
}

/** One word for a remote's link; a region with cases but no server yet comes first. */
export function remoteState(remote: RemoteStatus): RemoteState {
  if (remote.url === null) return 'notConfigured';
  // The engine says "online" only after a whole pass; a server taking chunks already is.
  if (remote.online === null) return isSending(remote) ? 'online' : 'notTried';
  return remote.online ? 'online' : 'offline';
}

export const STATE_BADGE = {
  notConfigured: 'warning',
  online: 'success',
  offline: 'error',
  notTried: 'default',
} as const satisfies Record<RemoteState, string>;

export const STATE_TAG_COLOR: Record<RemoteState, string> = {
  notConfigured: 'orange',
  online: 'green',
  offline: 'red',
  notTried: 'default',
};
