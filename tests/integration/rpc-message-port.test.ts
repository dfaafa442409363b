import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MessageChannel, Worker } from 'node:worker_threads';
import { messagePortChannel } from '../../electron/backend/rpc/message-port-channel.ts';
import { transportSuite, type BackendUnderTest } from './transport-suite.ts';

const key = randomBytes(32).toString('base64');

async function startWorker(dataDir: string): Promise<Worker> {
  const worker = new Worker(new URL('./backend-worker.ts', import.meta.url), {
    env: { ...process.env, TONGBAN_DATA_DIR: dataDir, TONGBAN_APP_VERSION: 'test' },
    workerData: { key },
  });
  await new Promise<void>((resolve, reject) => {
    worker.once('message', () => resolve());
    worker.once('error', reject);
  });
  return worker;
}

transportSuite('MessagePort (utilityProcess framing, in a worker thread)', async (): Promise<BackendUnderTest> => {
  const dataDir = mkdtempSync(join(tmpdir(), 'tongban-mp-'));
  let worker = await startWorker(dataDir);
  return {
    async connect() {
      const { port1, port2 } = new MessageChannel();
      worker.postMessage({ type: 'connect', port: port1 }, [port1]);
      return messagePortChannel(port2);
    },
    async restart() {
      await worker.terminate();
      worker = await startWorker(dataDir);
    },
    async stop() {
      await worker.terminate();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
});
