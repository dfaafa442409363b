// Runs the real backend entry in a worker thread standing in for Electron's
// utilityProcess: process.parentPort delivers { data, ports } as Electron's
// does, the master key (and what sealed it) first, as main sends it.
import { parentPort, workerData } from 'node:worker_threads';
import type { MessagePort } from 'node:worker_threads';

interface ConnectWithPort {
  type: 'connect';
  port: MessagePort;
}

Object.defineProperty(process, 'parentPort', {
  value: {
    on(_event: 'message', listener: (event: { data: unknown; ports: MessagePort[] }) => void) {
      const { key, keyStore } = workerData as { key: string; keyStore?: unknown };
      listener({ data: { type: 'key', key, keyStore }, ports: [] });
      parentPort!.on('message', (message: ConnectWithPort) =>
        listener({ data: { type: message.type }, ports: [message.port] }),
      );
    },
  },
});

await import('../../electron/host/backend-process.ts');
parentPort!.postMessage({ type: 'ready' });
