import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SLOW_METHODS } from './contract.ts';
import { RpcClient, call, toApi, type ConnectionState } from './client.ts';
import { RpcError, type FrameChannel, type RequestFrame, type ResponseFrame, type RpcErrorShape } from './framing.ts';

/** One end of an in-memory channel; text sent on one end reaches the other at once. */
class End implements FrameChannel {
  closed = false;
  peer: End | null = null;
  private readonly messageListeners: ((text: string) => void)[] = [];
  private readonly closeListeners: (() => void)[] = [];
  send(text: string): void {
    const peer = this.peer;
    if (this.closed || !peer || peer.closed) return;
    for (const listener of peer.messageListeners) listener(text);
  }
  onMessage(listener: (text: string) => void): void {
    this.messageListeners.push(listener);
  }
  onClose(listener: () => void): void {
    this.closeListeners.push(listener);
  }
  close(): void {
    if (this.closed) return;
    this.closed = true;
    for (const listener of this.closeListeners) listener();
    this.peer?.close();
  }
}

function channelPair(): [End, End] {
  const a = new End();
  const b = new End();
  a.peer = b;
  b.peer = a;
  return [a, b];
}

/** The backend's end: records request frames and answers them as told. */
function fakeServer(end: End, answer: (req: RequestFrame) => ResponseFrame | null = () => null) {
  const requests: RequestFrame[] = [];
  end.onMessage((text) => {
    const req = JSON.parse(text) as RequestFrame;
    requests.push(req);
    const res = answer(req);
    if (res) end.send(JSON.stringify(res));
  });
  return {
    requests,
    send: (frame: unknown) => end.send(typeof frame === 'string' ? frame : JSON.stringify(frame)),
  };
}

function connect(client: RpcClient, answer?: (req: RequestFrame) => ResponseFrame | null) {
  const [clientEnd, serverEnd] = channelPair();
  const server = fakeServer(serverEnd, answer);
  client.attach(clientEnd);
  return { clientEnd, serverEnd, server };
}

const echo = (req: RequestFrame): ResponseFrame => ({ t: 'res', id: req.id, ok: true, result: req.params });

function tracked<T>(promise: Promise<T>) {
  const state: { settled: boolean; value?: T } = { settled: false };
  void promise.then((value) => {
    state.settled = true;
    state.value = value;
  });
  return state;
}

const TIMEOUT = 1000;

beforeEach(() => {
  vi.useFakeTimers();
});

afterEach(() => {
  vi.useRealTimers();
});

describe('RpcClient', () => {
  it('starts in the connecting state', () => {
    expect(new RpcClient().connectionState()).toBe('connecting');
  });

  it('holds a call made before attach and sends it, once, when attached', async () => {
    const client = new RpcClient({ callTimeoutMs: TIMEOUT });
    const pending = tracked(client.requestRaw('echo', { text: 'early' }));
    await vi.advanceTimersByTimeAsync(TIMEOUT / 2);
    expect(pending.settled).toBe(false);

    const { server } = connect(client, echo);
    await vi.advanceTimersByTimeAsync(0);
    expect(server.requests).toEqual([{ t: 'req', id: expect.any(Number), method: 'echo', params: { text: 'early' } }]);
    expect(pending.value).toEqual({ ok: true, value: { text: 'early' } });

    // A later reconnect does not send it again.
    const second = connect(client, echo);
    expect(second.server.requests).toEqual([]);
  });

  it('resolves a response as {ok: true, value}', async () => {
    const client = new RpcClient({ callTimeoutMs: TIMEOUT });
    connect(client, (req) => ({ t: 'res', id: req.id, ok: true, result: { language: 'zh-TW' } }));
    await expect(client.request('settings.getLanguage', {})).resolves.toEqual({
      ok: true,
      value: { language: 'zh-TW' },
    });
  });

  it('resolves an error frame as {ok: false, error}', async () => {
    const client = new RpcClient({ callTimeoutMs: TIMEOUT });
    const error: RpcErrorShape = {
      code: 'INVALID_INPUT',
      message: 'bad',
      issues: [{ path: 'language', message: 'no' }],
    };
    connect(client, (req) => ({ t: 'res', id: req.id, ok: false, error }));
    await expect(client.requestRaw('settings.setLanguage', { language: 'fr' })).resolves.toEqual({ ok: false, error });
  });

  it('matches answers to calls by id, whatever their order', async () => {
    const client = new RpcClient({ callTimeoutMs: TIMEOUT });
    const { server } = connect(client);
    const a = client.requestRaw('a', 1);
    const b = client.requestRaw('b', 2);
    const [ra, rb] = server.requests;
    expect(ra!.id).not.toBe(rb!.id);
    server.send({ t: 'res', id: rb!.id, ok: true, result: 'for b' });
    server.send({ t: 'res', id: ra!.id, ok: true, result: 'for a' });
    await expect(a).resolves.toEqual({ ok: true, value: 'for a' });
    await expect(b).resolves.toEqual({ ok: true, value: 'for b' });
  });

  it('detach() resolves calls in flight with BACKEND_UNAVAILABLE and goes to reconnecting', async () => {
    const client = new RpcClient({ callTimeoutMs: TIMEOUT });
    const states: ConnectionState[] = [];
    client.onConnectionChange((state) => states.push(state));
    const { clientEnd, server } = connect(client);
    const inFlight = client.requestRaw('slow', {});
    expect(server.requests).toHaveLength(1);

    client.detach();
    await expect(inFlight).resolves.toMatchObject({ ok: false, error: { code: 'BACKEND_UNAVAILABLE' } });
    expect(client.connectionState()).toBe('reconnecting');
    expect(states).toEqual(['connected', 'reconnecting']);
    expect(clientEnd.closed).toBe(true);

    // A late answer on the old channel changes nothing.
    server.send({ t: 'res', id: server.requests[0]!.id, ok: true, result: 'late' });
    expect(client.connectionState()).toBe('reconnecting');
  });

  it('the channel closing from the other end counts as a detach', async () => {
    const client = new RpcClient({ callTimeoutMs: TIMEOUT });
    const { serverEnd } = connect(client);
    const inFlight = client.requestRaw('slow', {});
    serverEnd.close();
    await expect(inFlight).resolves.toMatchObject({ ok: false, error: { code: 'BACKEND_UNAVAILABLE' } });
    expect(client.connectionState()).toBe('reconnecting');
  });

  it('a listener that unsubscribes from connection changes hears no more', () => {
    const client = new RpcClient({ callTimeoutMs: TIMEOUT });
    const states: ConnectionState[] = [];
    const off = client.onConnectionChange((state) => states.push(state));
    connect(client);
    off();
    client.detach();
    expect(states).toEqual(['connected']);
  });

  it('without a connection, a call resolves BACKEND_UNAVAILABLE after callTimeoutMs', async () => {
    const client = new RpcClient({ callTimeoutMs: TIMEOUT });
    const pending = tracked(client.requestRaw('echo', {}));
    await vi.advanceTimersByTimeAsync(TIMEOUT - 1);
    expect(pending.settled).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(pending.value).toMatchObject({ ok: false, error: { code: 'BACKEND_UNAVAILABLE' } });

    // The given-up call is not sent when a connection finally comes.
    const { server } = connect(client);
    expect(server.requests).toEqual([]);
  });

  it('uses a 15 s timeout by default', async () => {
    const client = new RpcClient();
    const pending = tracked(client.requestRaw('echo', {}));
    await vi.advanceTimersByTimeAsync(14_999);
    expect(pending.settled).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(pending.settled).toBe(true);
  });

  it('a sent call with no answer resolves TIMEOUT; a late answer is ignored', async () => {
    const client = new RpcClient({ callTimeoutMs: TIMEOUT });
    const { server } = connect(client);
    const pending = tracked(client.requestRaw('echo', {}));
    await vi.advanceTimersByTimeAsync(TIMEOUT - 1);
    expect(pending.settled).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(pending.value).toMatchObject({ ok: false, error: { code: 'TIMEOUT' } });

    server.send({ t: 'res', id: server.requests[0]!.id, ok: true, result: 'late' });
    await vi.advanceTimersByTimeAsync(0);
    expect(pending.value).toMatchObject({ ok: false, error: { code: 'TIMEOUT' } });
    expect(client.connectionState()).toBe('connected');
  });

  it('waits longer for a call that waits on a person (a signature on the pad)', async () => {
    const client = new RpcClient({ callTimeoutMs: TIMEOUT });
    const { server } = connect(client);
    const pending = tracked(client.requestRaw('devices.captureSignature', { prompt: '' }));
    await vi.advanceTimersByTimeAsync(SLOW_METHODS['devices.captureSignature']! - 1);
    expect(pending.settled).toBe(false);
    server.send({ t: 'res', id: server.requests[0]!.id, ok: true, result: 'signed' });
    await vi.advanceTimersByTimeAsync(0);
    expect(pending.value).toEqual({ ok: true, value: 'signed' });
  });

  it('delivers event frames to `on` listeners of that event until they unsubscribe', () => {
    const client = new RpcClient({ callTimeoutMs: TIMEOUT });
    const { server } = connect(client);
    const heard: unknown[] = [];
    const off = client.on('settings.languageChanged', (payload) => heard.push(payload));

    server.send({ t: 'evt', event: 'settings.languageChanged', payload: { language: 'en' } });
    server.send({ t: 'evt', event: 'something.else', payload: { language: 'zh-CN' } });
    expect(heard).toEqual([{ language: 'en' }]);

    off();
    server.send({ t: 'evt', event: 'settings.languageChanged', payload: { language: 'zh-TW' } });
    expect(heard).toEqual([{ language: 'en' }]);
  });

  it('ignores garbage from the server and keeps working', async () => {
    const client = new RpcClient({ callTimeoutMs: TIMEOUT });
    const { server } = connect(client);
    const pending = tracked(client.requestRaw('echo', 'x'));
    const id = server.requests[0]!.id;
    for (const garbage of [
      'not json',
      '',
      'null',
      '{}',
      JSON.stringify({ t: 'res', id: 'x', ok: true, result: 1 }),
      JSON.stringify({ t: 'res', id: id + 1000, ok: true, result: 'unknown id' }),
      JSON.stringify({ t: 'res', id: null, ok: false, error: { code: 'INVALID_FRAME', message: 'm' } }),
      JSON.stringify({ t: 'res', id, ok: false, error: { code: 'NOT_A_CODE', message: 'm' } }),
    ]) {
      expect(() => server.send(garbage)).not.toThrow();
    }
    await vi.advanceTimersByTimeAsync(0);
    expect(pending.settled).toBe(false);

    server.send({ t: 'res', id, ok: true, result: 'real' });
    await vi.advanceTimersByTimeAsync(0);
    expect(pending.value).toEqual({ ok: true, value: 'real' });
    expect(client.connectionState()).toBe('connected');
  });
});

describe('call()', () => {
  it('returns the value of a successful call', async () => {
    const client = new RpcClient({ callTimeoutMs: TIMEOUT });
    connect(client, (req) => ({ t: 'res', id: req.id, ok: true, result: { language: 'en' } }));
    await expect(call(client, 'settings.getLanguage', {})).resolves.toEqual({ language: 'en' });
  });

  it('throws an RpcError carrying the code of a failed call', async () => {
    const client = new RpcClient({ callTimeoutMs: TIMEOUT });
    connect(client, (req) => ({
      t: 'res',
      id: req.id,
      ok: false,
      error: { code: 'PERMISSION_DENIED', message: 'no' },
    }));
    const failure = await call(client, 'settings.getLanguage', {}).then(
      () => null,
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(RpcError);
    expect((failure as RpcError).code).toBe('PERMISSION_DENIED');
    expect((failure as RpcError).message).toBe('no');
  });
});

describe('toApi()', () => {
  it('returns an object of plain functions that work when taken off the object', async () => {
    const client = new RpcClient({ callTimeoutMs: TIMEOUT });
    const api = toApi(client, async () => ({ ok: true, outcome: 'requested' }));
    expect(Object.keys(api).sort()).toEqual([
      'connectionState',
      'on',
      'onConnectionChange',
      'print',
      'request',
      'setSession',
    ]);
    for (const value of Object.values(api)) expect(typeof value).toBe('function');
    expect(Object.getPrototypeOf(api)).toBe(Object.prototype);

    const { request, on, connectionState, onConnectionChange } = api;
    const states: ConnectionState[] = [];
    onConnectionChange((state) => states.push(state));
    expect(connectionState()).toBe('connecting');

    const { server } = connect(client, (req) => ({ t: 'res', id: req.id, ok: true, result: { language: 'zh-CN' } }));
    expect(connectionState()).toBe('connected');
    expect(states).toEqual(['connected']);
    await expect(request('settings.getLanguage', {})).resolves.toEqual({ ok: true, value: { language: 'zh-CN' } });

    const heard: unknown[] = [];
    on('settings.languageChanged', (payload) => heard.push(payload));
    server.send({ t: 'evt', event: 'settings.languageChanged', payload: { language: 'en' } });
    expect(heard).toEqual([{ language: 'en' }]);
  });
});

describe('session tokens', () => {
  it('sends the session token with every call once set, and none after it is cleared', async () => {
    const client = new RpcClient({ callTimeoutMs: TIMEOUT });
    const sent: unknown[] = [];
    const channel: FrameChannel = {
      send: (text) => {
        const frame = JSON.parse(text) as { id: number; session?: string };
        sent.push(frame.session);
        queueMicrotask(() => listener?.(JSON.stringify({ t: 'res', id: frame.id, ok: true, result: {} })));
      },
      onMessage: (l) => {
        listener = l;
      },
      onClose: () => {},
      close: () => {},
    };
    let listener: ((text: string) => void) | undefined;
    client.attach(channel);
    await client.requestRaw('a', {});
    client.setSession('token-1');
    await client.requestRaw('b', {});
    client.setSession(null);
    await client.requestRaw('c', {});
    expect(sent).toEqual([undefined, 'token-1', undefined]);
  });
});
