// A device backend in this process whose master key is held the way a host
// holds it: handed in at every start, replaced when a restore brings the
// backup's own key, and a restart when the backend asks for one.
import { mkdirSync } from 'node:fs';
import { channelPair } from '../../../bench/support/frame-channels.ts';
import { createBackend, type Backend } from '../../../electron/backend/backend.ts';
import { RpcClient } from '../../../shared/rpc/client.ts';

export class KeyedDevice {
  readonly dataDir: string;
  masterKey: Buffer;
  /** The backend asked its host to start it again (a staged restore). */
  restartRequested = false;
  private backend: Backend | null = null;
  private readonly clients = new Set<RpcClient>();

  constructor(dataDir: string, masterKey: Buffer) {
    this.dataDir = dataDir;
    this.masterKey = masterKey;
    this.open();
  }

  private open(): void {
    mkdirSync(this.dataDir, { recursive: true });
    this.restartRequested = false;
    this.backend = createBackend({
      dataDir: this.dataDir,
      appVersion: 'test',
      masterKey: this.masterKey,
      persistMasterKey: (key) => {
        this.masterKey = key;
        return true;
      },
      restart: () => {
        this.restartRequested = true;
      },
    });
  }

  async connect(token?: string | null): Promise<RpcClient> {
    const [server, client] = channelPair();
    this.backend!.connect(server);
    const rpc = new RpcClient({ callTimeoutMs: 30_000 });
    rpc.attach(client);
    if (token) rpc.setSession(token);
    this.clients.add(rpc);
    return rpc;
  }

  restart(): void {
    this.close();
    this.open();
  }

  close(): void {
    for (const client of this.clients) client.detach();
    this.clients.clear();
    this.backend?.close();
    this.backend = null;
  }
}
