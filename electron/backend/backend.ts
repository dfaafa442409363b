// The backend: one database connection, the RPC handlers and the event bus.
// It knows nothing of how it is reached; transports hand it frame channels.
import { join } from 'node:path';
import { ANONYMOUS } from '../../shared/auth/permissions.ts';
import { events, methods, type EventName, type EventPayload } from '../../shared/rpc/contract.ts';
import { encodeFrame, type FrameChannel } from '../../shared/rpc/framing.ts';
import { DEFAULT_LANGUAGE, languageSchema } from '../../shared/languages.ts';
import { openDatabase } from './store/database.ts';
import { userVersion } from './store/migrate.ts';
import { getSetting, setSetting } from './store/settings.ts';
import { createDispatcher, serveChannel, type Handlers } from './rpc/dispatcher.ts';
import { log } from './log.ts';

export interface BackendOptions {
  dataDir: string;
  appVersion: string;
}

export interface Backend {
  /** Serves the RPC on a channel and sends it the backend's events. */
  connect(channel: FrameChannel): void;
  emit<E extends EventName>(event: E, payload: EventPayload<E>): void;
  close(): void;
}

export const DATABASE_FILE_NAME = 'tongban.sqlite';

export function createBackend(options: BackendOptions): Backend {
  const file = join(options.dataDir, DATABASE_FILE_NAME);
  const { db, migration } = openDatabase(file);
  if (migration.from !== migration.to) log.info('store.migrated', { ...migration });
  const startedAt = new Date().toISOString();
  const sqliteVersion = (db.prepare('SELECT sqlite_version() AS v').get() as { v: string }).v;
  const channels = new Set<FrameChannel>();

  function emit<E extends EventName>(event: E, payload: EventPayload<E>): void {
    const text = encodeFrame({ t: 'evt', event, payload: events[event].parse(payload) });
    for (const channel of channels) channel.send(text);
  }

  const handlers: Handlers<typeof methods> = {
    'system.health': () => ({
      appVersion: options.appVersion,
      schemaVersion: userVersion(db),
      databaseFile: file,
      sqliteVersion,
      nodeVersion: process.versions.node,
      pid: process.pid,
      startedAt,
    }),
    'settings.getLanguage': () => {
      const stored = languageSchema.safeParse(getSetting(db, 'language'));
      return { language: stored.success ? stored.data : DEFAULT_LANGUAGE };
    },
    'settings.setLanguage': ({ language }) => {
      setSetting(db, 'language', language);
      emit('settings.languageChanged', { language });
      return { language };
    },
  };
  const dispatcher = createDispatcher(methods, handlers);

  return {
    connect(channel) {
      channels.add(channel);
      channel.onClose(() => channels.delete(channel));
      serveChannel(dispatcher, channel, ANONYMOUS);
    },
    emit,
    close() {
      for (const channel of channels) channel.close();
      channels.clear();
      db.close();
    },
  };
}
