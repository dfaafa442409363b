// A frame channel over a MessagePort: Electron's MessagePortMain in the
// utilityProcess, or Node's worker_threads MessagePort in tests. One emits
// MessageEvents, the other bare values; frames are always strings, so both
// are read the same way.
import type { FrameChannel } from '../../../shared/rpc/framing.ts';

export interface NodeStylePort {
  postMessage(message: unknown): void;
  on(event: 'message', listener: (message: unknown) => void): unknown;
  on(event: 'close', listener: () => void): unknown;
  start?(): void;
  close(): void;
}

function frameText(message: unknown): string | undefined {
  if (typeof message === 'string') return message;
  if (typeof message === 'object' && message !== null && 'data' in message && typeof message.data === 'string') {
    return message.data;
  }
  return undefined;
}

export function messagePortChannel(port: NodeStylePort): FrameChannel {
  const channel: FrameChannel = {
    send: (text) => port.postMessage(text),
    onMessage(listener) {
      port.on('message', (message) => {
        const text = frameText(message);
        // Anything that is not text is still answered, as a malformed frame.
        listener(text ?? '');
      });
      port.start?.();
    },
    onClose(listener) {
      port.on('close', listener);
    },
    close: () => port.close(),
  };
  return channel;
}
