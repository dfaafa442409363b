// The same RPC behaviour, checked over each transport against the real backend.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RpcClient, call } from '../../shared/rpc/client.ts';
import { RpcError, type FrameChannel } from '../../shared/rpc/framing.ts';
import { LATEST_SCHEMA_VERSION } from '../../electron/backend/store/migrations/index.ts';

export interface BackendUnderTest {
  /** A new connection to the running backend. */
  connect(): Promise<FrameChannel>;
  /** Stops the backend the hard way and starts it again on the same data. */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

function client(channel: FrameChannel): RpcClient {
  const c = new RpcClient({ callTimeoutMs: 5000 });
  c.attach(channel);
  return c;
}

function rawExchange(channel: FrameChannel, text: string): Promise<unknown> {
  return new Promise((resolve) => {
    channel.onMessage((reply) => resolve(JSON.parse(reply)));
    channel.send(text);
  });
}

export function transportSuite(name: string, start: () => Promise<BackendUnderTest>): void {
  describe(`RPC over ${name}`, () => {
    let backend: BackendUnderTest;
    beforeEach(async () => {
      backend = await start();
    });
    afterEach(async () => {
      await backend.stop();
    });

    it('reports the health of the real backend, with the latest schema', async () => {
      const health = await call(client(await backend.connect()), 'system.health', {});
      expect(health.schemaVersion).toBe(LATEST_SCHEMA_VERSION);
      // The data folder's path is for the administrator (system.storage), not for anyone who connects.
      expect(health).not.toHaveProperty('databaseFile');
      expect(health.pid).toBeGreaterThan(0);
    });

    it('answers an unknown method with a typed error and stays up', async () => {
      const c = client(await backend.connect());
      const result = await c.requestRaw('cases.deleteEverything', {});
      expect(result).toEqual({ ok: false, error: expect.objectContaining({ code: 'UNKNOWN_METHOD' }) });
      await expect(call(c, 'system.health', {})).resolves.toMatchObject({ schemaVersion: LATEST_SCHEMA_VERSION });
    });

    it('answers a malformed payload with a typed error naming the field, and stays up', async () => {
      const c = client(await backend.connect());
      const wrongValue = await c.requestRaw('settings.setLanguage', { language: 'fr' });
      expect(wrongValue.ok).toBe(false);
      if (wrongValue.ok) return;
      expect(wrongValue.error.code).toBe('INVALID_INPUT');
      expect(wrongValue.error.issues?.map((i) => i.path)).toContain('language');
      const notAnObject = await c.requestRaw('settings.setLanguage', 'en');
      expect(notAnObject).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
      await expect(call(c, 'settings.getLanguage', {})).resolves.toEqual({ language: 'zh-CN' });
    });

    it('answers text that is not a frame with INVALID_FRAME', async () => {
      const channel = await backend.connect();
      await expect(rawExchange(channel, '{not json')).resolves.toMatchObject({
        t: 'res',
        id: null,
        ok: false,
        error: { code: 'INVALID_FRAME' },
      });
      await expect(rawExchange(channel, JSON.stringify({ t: 'req', id: 9 }))).resolves.toMatchObject({
        id: 9,
        error: { code: 'INVALID_FRAME' },
      });
    });

    it('pushes events to every connection', async () => {
      const writer = client(await backend.connect());
      const watcher = client(await backend.connect());
      await call(watcher, 'system.health', {});
      const seen = new Promise((resolve) => watcher.on('settings.languageChanged', resolve));
      await call(writer, 'settings.setLanguage', { language: 'zh-TW' });
      await expect(seen).resolves.toEqual({ language: 'zh-TW' });
    });

    it('keeps the chosen language across a backend restart', async () => {
      await call(client(await backend.connect()), 'settings.setLanguage', { language: 'en' });
      const before = await call(client(await backend.connect()), 'system.health', {});
      await backend.restart();
      const c = client(await backend.connect());
      await expect(call(c, 'settings.getLanguage', {})).resolves.toEqual({ language: 'en' });
      expect((await call(c, 'system.health', {})).startedAt).not.toBe(before.startedAt);
    });

    it('throws RpcError through the call helper', async () => {
      const c = client(await backend.connect());
      const error = await call(c, 'settings.setLanguage', { language: 'xx' as 'en' }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(RpcError);
      expect((error as RpcError).code).toBe('INVALID_INPUT');
    });
  });
}
