import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createBackendLink, type BackendProcess, type LinkedWindow } from './backend-link.ts';

interface FakePort {
  readonly id: number;
  readonly side: 1 | 2;
}

class FakeBackend implements BackendProcess<FakePort> {
  readonly pid: number;
  /** Port hand-overs, in order. */
  readonly posted: { message: unknown; transfer: FakePort[] }[] = [];
  /** Every message, in order, the hello included. */
  readonly log: unknown[] = [];
  killed = false;
  private readonly listeners: ((code: number | null) => void)[] = [];
  constructor(pid: number) {
    this.pid = pid;
  }
  postMessage(message: unknown, transfer: FakePort[]): void {
    this.log.push(message);
    if ((message as { type?: string }).type !== 'key') this.posted.push({ message, transfer });
  }
  onExit(listener: (code: number | null) => void): void {
    this.listeners.push(listener);
  }
  kill(): void {
    this.killed = true;
  }
  exit(code: number | null): void {
    for (const listener of this.listeners) listener(code);
  }
}

class FakeWindow implements LinkedWindow<FakePort> {
  readonly events: ({ kind: 'port'; port: FakePort } | { kind: 'down' })[] = [];
  sendPort(port: FakePort): void {
    this.events.push({ kind: 'port', port });
  }
  sendBackendDown(): void {
    this.events.push({ kind: 'down' });
  }
  get ports(): FakePort[] {
    return this.events.flatMap((e) => (e.kind === 'port' ? [e.port] : []));
  }
}

function setup(windowCount = 2) {
  const children: FakeBackend[] = [];
  const windows = Array.from({ length: windowCount }, () => new FakeWindow());
  const failures: string[] = [];
  let nextPort = 1;
  const link = createBackendLink<FakePort, FakeBackend>({
    fork: () => {
      const child = new FakeBackend(500 + children.length);
      children.push(child);
      return child;
    },
    hello: () => ({ type: 'key', key: 'master-key' }),
    windows: () => windows,
    createChannel: () => {
      const id = nextPort++;
      return { port1: { id, side: 1 }, port2: { id, side: 2 } };
    },
    onFailure: (reason) => failures.push(reason),
  });
  const last = (): FakeBackend => {
    const child = children.at(-1);
    if (!child) throw new Error('no backend forked');
    return child;
  };
  return { link, children, windows, failures, last };
}

beforeEach(() => {
  vi.useFakeTimers();
});

afterEach(() => {
  vi.useRealTimers();
});

describe('createBackendLink', () => {
  it('on start gives each window port2 and the backend the matching port1 with a connect message', () => {
    const { link, children, windows, last } = setup(2);
    link.start();
    expect(children).toHaveLength(1);
    const child = last();
    expect(child.posted).toHaveLength(2);
    windows.forEach((window, i) => {
      expect(window.ports).toHaveLength(1);
      const port2 = window.ports[0]!;
      expect(port2.side).toBe(2);
      const posted = child.posted[i]!;
      expect(posted.message).toEqual({ type: 'connect' });
      expect(posted.transfer).toEqual([{ id: port2.id, side: 1 }]);
    });
    // Each window has its own channel.
    expect(new Set(windows.map((w) => w.ports[0]!.id)).size).toBe(2);
  });

  it('sends each new backend its hello (the master key) before any port', () => {
    const { link, last } = setup(1);
    link.start();
    expect(last().log[0]).toEqual({ type: 'key', key: 'master-key' });
    last().exit(1);
    vi.advanceTimersByTime(250);
    expect(last().log).toEqual([{ type: 'key', key: 'master-key' }, { type: 'connect' }]);
  });

  it('when the backend exits, windows hear it is down and get new ports from the new backend after the delay', () => {
    const { link, children, windows, failures, last } = setup(2);
    link.start();
    const first = last();
    const oldPortIds = windows.map((w) => w.ports[0]!.id);

    first.exit(1);
    for (const window of windows) expect(window.events.at(-1)).toEqual({ kind: 'down' });
    expect(link.connect(new FakeWindow())).toBe(false);

    vi.advanceTimersByTime(249);
    expect(children).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(children).toHaveLength(2);

    const second = last();
    expect(second).not.toBe(first);
    expect(second.posted).toHaveLength(2);
    windows.forEach((window, i) => {
      expect(window.events.map((e) => e.kind)).toEqual(['port', 'down', 'port']);
      const fresh = window.ports[1]!;
      expect(oldPortIds).not.toContain(fresh.id);
      expect(second.posted[i]).toEqual({ message: { type: 'connect' }, transfer: [{ id: fresh.id, side: 1 }] });
    });
    // Nothing more went to the dead backend.
    expect(first.posted).toHaveLength(2);
    expect(failures).toEqual([]);
  });

  it('connect(window) is false without a backend, and links the window when one runs', () => {
    const { link, last } = setup(0);
    const late = new FakeWindow();
    expect(link.connect(late)).toBe(false);
    expect(late.events).toEqual([]);

    link.start();
    expect(link.connect(late)).toBe(true);
    expect(late.ports).toHaveLength(1);
    const port2 = late.ports[0]!;
    expect(last().posted).toEqual([{ message: { type: 'connect' }, transfer: [{ id: port2.id, side: 1 }] }]);

    link.stop();
    expect(link.connect(new FakeWindow())).toBe(false);
  });

  it('a fatal exit reports the failure, tells windows the backend is down, and restarts nothing', () => {
    const { link, children, windows, failures, last } = setup(2);
    link.start();
    last().exit(65);
    expect(failures).toEqual(['fatal_exit']);
    for (const window of windows) expect(window.events.at(-1)).toEqual({ kind: 'down' });
    vi.advanceTimersByTime(60_000);
    expect(children).toHaveLength(1);
    expect(link.connect(new FakeWindow())).toBe(false);
  });

  it('stop() kills the backend and nothing restarts', () => {
    const { link, children, last } = setup(1);
    link.start();
    const child = last();
    link.stop();
    expect(child.killed).toBe(true);
    child.exit(null);
    vi.advanceTimersByTime(60_000);
    expect(children).toHaveLength(1);
  });
});
