// Two RPC frame channels joined back to back in one process: the backend on
// one end (createBackend().connect), an RpcClient on the other, with no
// utilityProcess or WebSocket between them. The sync benchmark drives its
// device this way, and the integration tests their in-process backend.
import type { FrameChannel } from '../../shared/rpc/framing.ts';

/** Two frame channels joined back to back; frames arrive asynchronously, as over a real transport. */
export function channelPair(): [FrameChannel, FrameChannel] {
  interface End {
    listeners: ((text: string) => void)[];
    closeListeners: (() => void)[];
    closed: boolean;
  }
  const a: End = { listeners: [], closeListeners: [], closed: false };
  const b: End = { listeners: [], closeListeners: [], closed: false };
  const end = (self: End, other: End): FrameChannel => ({
    send(text) {
      if (self.closed) return;
      setImmediate(() => {
        if (!other.closed) for (const listener of other.listeners) listener(text);
      });
    },
    onMessage: (listener) => void self.listeners.push(listener),
    onClose: (listener) => void self.closeListeners.push(listener),
    close() {
      for (const side of [self, other]) {
        if (side.closed) continue;
        side.closed = true;
        for (const listener of side.closeListeners) listener();
      }
    },
  });
  return [end(a, b), end(b, a)];
}
