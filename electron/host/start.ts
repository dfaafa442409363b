// The backend process's start-up: the master key and a port per window from
// Electron main, or a key file and a WebSocket on 127.0.0.1 in browser mode,
// then the backend itself. A database that restarting cannot fix exits with a
// code the supervisor reads as final.
import { keyStoreSchema, type KeyStore } from '../../shared/rpc/contract.ts';
import { createBackend, type Backend } from '../backend/backend.ts';
import { keyFilePath, loadOrCreateKeyFile } from '../backend/crypto/keys.ts';
import { log } from '../backend/log.ts';
import { messagePortChannel, type NodeStylePort } from '../backend/rpc/message-port-channel.ts';
import { listenWebSocket } from '../backend/rpc/websocket-server.ts';
import { EXIT_CONFIG_ERROR, EXIT_DATA_ERROR } from '../backend/runtime-check.ts';
import { DatabaseFromFutureError, MigrationError } from '../backend/store/migrate.ts';

/** What Electron main sends the backend: its master key first, then a port per window, and 'wake' after sleep. */
export interface KeyMessage {
  type: 'key';
  key: string; // base64
  /** What sealed the key (key-store-policy.ts in main decided it may). */
  keyStore?: KeyStore;
}
export interface ConnectMessage {
  type: 'connect';
}
/** What the backend tells a browser-mode host over the fork IPC channel. */
export interface ListeningMessage {
  type: 'listening';
  port: number;
}

// Browser mode: a key file in the data folder, for development and tests.
const KEY_FILE_STORE: KeyStore = { kind: 'key_file', backend: 'file', acceptedAt: null };
// A key from main is always sealed by safeStorage; a main that does not say how is not specific.
const UNNAMED_KEYCHAIN: KeyStore = { kind: 'os_keychain', backend: 'unknown', acceptedAt: null };

interface ParentPort {
  on(event: 'message', listener: (event: { data: unknown; ports: NodeStylePort[] }) => void): void;
  postMessage(message: unknown): void;
}

function fatal(reason: string, message: string, code: number): never {
  process.stderr.write(`${JSON.stringify({ level: 'fatal', event: 'backend.start_failed', reason, message })}\n`);
  process.exit(code);
}

/** In Electron the key comes from main (sealed with safeStorage); ports may arrive after it. */
function fromParent(parentPort: ParentPort): {
  key: Promise<{ key: Buffer; keyStore: KeyStore }>;
  ports: (onPort: (port: NodeStylePort) => void) => void;
  onWake: (listener: () => void) => void;
} {
  let wake: () => void = () => undefined;
  const early: NodeStylePort[] = [];
  let deliver: ((port: NodeStylePort) => void) | null = null;
  const key = new Promise<{ key: Buffer; keyStore: KeyStore }>((resolve) => {
    parentPort.on('message', ({ data, ports }) => {
      const message = data as { type?: string; key?: unknown; keyStore?: unknown } | null;
      if (message?.type === 'key' && typeof message.key === 'string') {
        const keyStore = keyStoreSchema.safeParse(message.keyStore);
        resolve({
          key: Buffer.from(message.key, 'base64'),
          keyStore: keyStore.success ? keyStore.data : UNNAMED_KEYCHAIN,
        });
      }
      const port = ports[0];
      if (message?.type === 'connect' && port) (deliver ?? ((p) => early.push(p)))(port);
      if (message?.type === 'wake') wake();
    });
  });
  return {
    key,
    ports(onPort) {
      deliver = onPort;
      for (const port of early.splice(0)) onPort(port);
    },
    onWake(listener) {
      wake = listener;
    },
  };
}

/**
 * An idle time in seconds for browser mode and the tests (TONGBAN_TEST_IDLE_LOCK_SECONDS), which cannot
 * wait a minute for a lock. Never under Electron: a desktop app's idle time is the administrator's.
 */
function testIdleLockMs(env: NodeJS.ProcessEnv, underElectron: boolean): number | undefined {
  const seconds = Number(env.TONGBAN_TEST_IDLE_LOCK_SECONDS);
  return !underElectron && Number.isInteger(seconds) && seconds > 0 ? seconds * 1000 : undefined;
}

/** What the backend tells Electron main after a restore: the backup's master key, to seal and hand back. */
export interface RestoredKeyMessage {
  type: 'restored-key';
  key: string; // base64
}

function restoredKeyToMain(parentPort: ParentPort, key: Buffer): boolean {
  const message: RestoredKeyMessage = { type: 'restored-key', key: key.toString('base64') };
  parentPort.postMessage(message);
  return false;
}

export async function start(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const dataDir = env.TONGBAN_DATA_DIR;
  if (!dataDir) fatal('no_data_dir', 'TONGBAN_DATA_DIR is not set.', EXIT_CONFIG_ERROR);
  // Typed as always present by Electron's types; undefined under plain Node.
  const parentPort = (process as { parentPort?: ParentPort }).parentPort;
  const parent = parentPort ? fromParent(parentPort) : null;

  let backend: Backend;
  try {
    const { key: masterKey, keyStore } = parent
      ? await parent.key
      : { key: loadOrCreateKeyFile(keyFilePath(dataDir)), keyStore: KEY_FILE_STORE };
    backend = createBackend({
      dataDir,
      appVersion: env.TONGBAN_APP_VERSION ?? '0.0.0',
      masterKey,
      keyStore,
      idleLockMs: testIdleLockMs(env, parent !== null),
      // In Electron main seals a restored key with the OS keychain; it is stored once main hands it back.
      ...(parentPort ? { persistMasterKey: (key) => restoredKeyToMain(parentPort, key) } : {}),
      restart: () => {
        backend.close();
        process.exit(0);
      },
    });
  } catch (error) {
    if (error instanceof DatabaseFromFutureError) fatal('database_from_future', error.message, EXIT_DATA_ERROR);
    if (error instanceof MigrationError) fatal('migration_failed', error.message, EXIT_DATA_ERROR);
    throw error;
  }
  const shutdown = (): void => {
    backend.close();
    process.exit(0);
  };
  process.once('SIGTERM', shutdown);
  process.once('SIGINT', shutdown);

  if (parent) {
    parent.ports((port) => backend.connect(messagePortChannel(port)));
    parent.onWake(() => backend.wake());
    log.info('backend.ready', { transport: 'message-port' });
    return;
  }

  const token = env.TONGBAN_WS_TOKEN;
  if (!token) fatal('no_transport', 'Neither a parent port nor TONGBAN_WS_TOKEN was given.', EXIT_CONFIG_ERROR);
  const server = await listenWebSocket(
    {
      port: Number(env.TONGBAN_WS_PORT ?? 0),
      token,
      allowedOrigins: env.TONGBAN_ALLOWED_ORIGINS?.split(','),
    },
    (channel) => backend.connect(channel),
  );
  const listening: ListeningMessage = { type: 'listening', port: server.port };
  process.send?.(listening);
  log.info('backend.ready', { transport: 'websocket', port: server.port });
}
