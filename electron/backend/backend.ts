// The backend: one database connection, the services, the RPC handlers and
// the event bus. It knows nothing of how it is reached; transports hand it
// frame channels.
import { join } from 'node:path';
import {
  events,
  methods,
  type Contract,
  type EventName,
  type EventPayload,
  type KeyStore,
} from '../../shared/rpc/contract.ts';
import { encodeFrame, type FrameChannel } from '../../shared/rpc/framing.ts';
import { deriveKeys } from './crypto/keys.ts';
import { createHandlerContext } from './handlers/context.ts';
import { applyPendingRestore } from './services/backup/restore.ts';
import { noteRestored, persistKeyFile } from './services/backup/restored.ts';
import { assembleHandlers } from './handlers/index.ts';
import { log } from './log.ts';
import { createDispatcher, serveChannel } from './rpc/dispatcher.ts';
import type { UserSession } from './services/auth.ts';
import { openDatabase } from './store/database.ts';

export interface BackendOptions {
  dataDir: string;
  appVersion: string;
  /** 32 bytes: from safeStorage via main in Electron, from a key file otherwise. */
  masterKey: Buffer;
  /** What sealed the master key; absent: a key file, as in browser mode and the tests. */
  keyStore?: KeyStore;
  /** Replaces the device's idle time; browser mode and tests only (electron/host/start.ts). */
  idleLockMs?: number;
  /**
   * Stores the master key a restored backup brought, for the next start; true
   * when it is stored now. Unset: the key file of browser mode.
   */
  persistMasterKey?: (masterKey: Buffer) => boolean;
  /** Ends the backend so its host starts it again; a staged restore asks for it. */
  restart?: () => void;
}

export interface Backend {
  /** Serves the RPC on a channel and sends it the backend's events. */
  connect(channel: FrameChannel): void;
  /** The network came back or the machine woke: sync at once. */
  wake(): void;
  emit<E extends EventName>(event: E, payload: EventPayload<E>): void;
  close(): void;
}

export const DATABASE_FILE_NAME = 'tongban.sqlite';

export function createBackend(options: BackendOptions): Backend {
  const file = join(options.dataDir, DATABASE_FILE_NAME);
  const { masterKey, restoredFrom } = applyPendingRestore(
    options.dataDir,
    options.masterKey,
    options.persistMasterKey ?? persistKeyFile(options.dataDir),
  );
  const { db, migration } = openDatabase(file);
  if (migration.from !== migration.to) log.info('store.migrated', { ...migration });
  const channels = new Set<FrameChannel>();
  // The sessions each channel's calls carried: a lock is told only to the screens of that session.
  const sessionsOf = new WeakMap<FrameChannel, Set<string>>();

  function frame<E extends EventName>(event: E, payload: EventPayload<E>): string {
    return encodeFrame({ t: 'evt', event, payload: events[event].parse(payload) });
  }

  function emit<E extends EventName>(event: E, payload: EventPayload<E>): void {
    const text = frame(event, payload);
    for (const channel of channels) channel.send(text);
  }

  function sessionLocked(tokenHash: string): void {
    const text = frame('session.locked', { at: new Date().toISOString() });
    for (const channel of channels) if (sessionsOf.get(channel)?.has(tokenHash)) channel.send(text);
  }

  const { context, stop } = createHandlerContext({
    db,
    file,
    dataDir: options.dataDir,
    appVersion: options.appVersion,
    keys: deriveKeys(masterKey),
    masterKey,
    ...(options.restart ? { restart: options.restart } : {}),
    emit,
    keyStore: options.keyStore,
    idleLockMs: options.idleLockMs,
    onSessionLocked: sessionLocked,
  });
  const dispatcher = createDispatcher<Contract, UserSession>(methods, assembleHandlers(context), (token) =>
    context.auth.resolve(token),
  );

  // Written once the chain keys are bound (by the context above), before sync announces the recovery.
  if (restoredFrom) noteRestored(db, restoredFrom);
  context.sync.start();
  context.auth.watchIdle();

  return {
    connect(channel) {
      channels.add(channel);
      const sessions = new Set<string>();
      sessionsOf.set(channel, sessions);
      channel.onClose(() => channels.delete(channel));
      serveChannel(dispatcher, channel, (session) => sessions.add(session.tokenHash));
    },
    emit,
    wake: () => context.sync.kick(),
    close() {
      stop();
      for (const channel of channels) channel.close();
      channels.clear();
      db.close();
    },
  };
}
