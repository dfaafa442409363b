import { describe, expect, it } from 'vitest';
import {
  BackendSupervisor,
  restartDelayMs,
  type ChildHandle,
  type SupervisorState,
  type Timers,
} from './supervisor.ts';

class FakeChild implements ChildHandle {
  readonly pid: number;
  killed = false;
  private readonly listeners: ((code: number | null) => void)[] = [];
  constructor(pid: number) {
    this.pid = pid;
  }
  onExit(listener: (code: number | null) => void): void {
    this.listeners.push(listener);
  }
  kill(): void {
    this.killed = true;
  }
  /** Simulates the process ending. */
  exit(code: number | null): void {
    for (const listener of this.listeners) listener(code);
  }
}

/** A manual clock: time moves only when the test says so. */
class FakeTimers implements Timers {
  time = 1_000_000;
  private nextHandle = 1;
  private readonly scheduled = new Map<number, { at: number; fn: () => void }>();
  now(): number {
    return this.time;
  }
  setTimeout(fn: () => void, ms: number): unknown {
    const handle = this.nextHandle++;
    this.scheduled.set(handle, { at: this.time + ms, fn });
    return handle;
  }
  clearTimeout(handle: unknown): void {
    this.scheduled.delete(handle as number);
  }
  get pendingCount(): number {
    return this.scheduled.size;
  }
  advance(ms: number): void {
    const until = this.time + ms;
    for (;;) {
      const due = [...this.scheduled.entries()]
        .filter(([, t]) => t.at <= until)
        .sort((a, b) => a[1].at - b[1].at || a[0] - b[0])[0];
      if (!due) break;
      this.scheduled.delete(due[0]);
      this.time = due[1].at;
      due[1].fn();
    }
    this.time = until;
  }
}

function setup(options: { stableAfterMs?: number; maxRapidFailures?: number } = {}) {
  const timers = new FakeTimers();
  const children: FakeChild[] = [];
  const states: SupervisorState[] = [];
  const supervisor = new BackendSupervisor<FakeChild>({
    spawn: () => {
      const child = new FakeChild(100 + children.length);
      children.push(child);
      return child;
    },
    onState: (state) => states.push(state),
    timers,
    ...options,
  });
  const last = (): FakeChild => {
    const child = children.at(-1);
    if (!child) throw new Error('no child spawned');
    return child;
  };
  const lastState = (): SupervisorState | undefined => states.at(-1);
  return { timers, children, states, supervisor, last, lastState };
}

describe('restartDelayMs', () => {
  it.each([
    [0, 250],
    [1, 250],
    [2, 500],
    [3, 1000],
    [4, 2000],
    [5, 4000],
    [6, 5000],
    [7, 5000],
    [20, 5000],
  ])('after %i rapid failures waits %i ms', (failures, delay) => {
    expect(restartDelayMs(failures)).toBe(delay);
  });
});

describe('BackendSupervisor', () => {
  it('start spawns exactly once and reports running with the pid', () => {
    const { supervisor, children, states } = setup();
    supervisor.start();
    supervisor.start(); // already running: no second child
    expect(children).toHaveLength(1);
    expect(states).toEqual([
      { kind: 'starting', attempt: 1 },
      { kind: 'running', pid: 100 },
    ]);
    expect(supervisor.current).toBe(children[0]);
  });

  it('restarts after the backoff delay, not before', () => {
    const { supervisor, children, timers, last, lastState } = setup();
    supervisor.start();
    timers.advance(100);
    last().exit(1);
    expect(lastState()).toEqual({ kind: 'restarting', code: 1, delayMs: 250 });
    expect(supervisor.current).toBeNull();

    timers.advance(249);
    expect(children).toHaveLength(1);
    timers.advance(1);
    expect(children).toHaveLength(2);
    expect(lastState()).toEqual({ kind: 'running', pid: 101 });
    expect(supervisor.current).toBe(children[1]);
  });

  it('a crash with a null exit code (killed by a signal) is restarted too', () => {
    const { supervisor, children, timers, last, lastState } = setup();
    supervisor.start();
    last().exit(null);
    expect(lastState()).toEqual({ kind: 'restarting', code: null, delayMs: 250 });
    timers.advance(250);
    expect(children).toHaveLength(2);
  });

  it.each([65, 78])('exit code %i is fatal: failed, and never respawned', (code) => {
    const { supervisor, children, timers, last, lastState } = setup();
    supervisor.start();
    last().exit(code);
    expect(lastState()).toEqual({ kind: 'failed', code, reason: 'fatal_exit' });
    timers.advance(60_000);
    expect(children).toHaveLength(1);
    expect(timers.pendingCount).toBe(0);
    expect(supervisor.current).toBeNull();
  });

  it('backs off exponentially and gives up as a crash loop after maxRapidFailures rapid exits', () => {
    const { supervisor, children, timers, states, last, lastState } = setup({ maxRapidFailures: 5 });
    supervisor.start();
    const delays: number[] = [];
    for (let i = 0; i < 5; i++) {
      timers.advance(10);
      last().exit(1);
      const state = lastState();
      expect(state?.kind).toBe('restarting');
      if (state?.kind === 'restarting') delays.push(state.delayMs);
      timers.advance(state?.kind === 'restarting' ? state.delayMs : 0);
    }
    expect(delays).toEqual([250, 500, 1000, 2000, 4000]);
    expect(children).toHaveLength(6);

    timers.advance(10);
    last().exit(1);
    expect(lastState()).toEqual({ kind: 'failed', code: 1, reason: 'crash_loop' });
    timers.advance(60_000);
    expect(children).toHaveLength(6);
    expect(states.filter((s) => s.kind === 'failed')).toHaveLength(1);
  });

  it('a run longer than stableAfterMs resets the rapid-failure count', () => {
    const { supervisor, timers, last, lastState } = setup({ stableAfterMs: 10_000 });
    supervisor.start();
    // Two rapid failures: the delay has grown to 500.
    last().exit(1);
    timers.advance(250);
    last().exit(1);
    expect(lastState()).toMatchObject({ kind: 'restarting', delayMs: 500 });
    timers.advance(500);

    // This one runs for a while before dying: back to the first delay.
    timers.advance(10_000);
    last().exit(1);
    expect(lastState()).toEqual({ kind: 'restarting', code: 1, delayMs: 250 });
  });

  it('stop() kills the child, and its later exit does not respawn', () => {
    const { supervisor, children, timers, last, lastState } = setup();
    supervisor.start();
    const child = last();
    supervisor.stop();
    expect(child.killed).toBe(true);
    expect(lastState()).toEqual({ kind: 'stopped' });
    expect(supervisor.current).toBeNull();

    child.exit(null);
    timers.advance(60_000);
    expect(children).toHaveLength(1);
    expect(lastState()).toEqual({ kind: 'stopped' });
  });

  it('stop() cancels a pending restart', () => {
    const { supervisor, children, timers, last, lastState } = setup();
    supervisor.start();
    last().exit(1);
    expect(lastState()?.kind).toBe('restarting');
    supervisor.stop();
    expect(timers.pendingCount).toBe(0);
    timers.advance(60_000);
    expect(children).toHaveLength(1);
    expect(lastState()).toEqual({ kind: 'stopped' });
  });

  it('can be started again after stop()', () => {
    const { supervisor, children, lastState } = setup();
    supervisor.start();
    supervisor.stop();
    supervisor.start();
    expect(children).toHaveLength(2);
    expect(lastState()).toEqual({ kind: 'running', pid: 101 });
  });

  it('ignores an exit from a stale child that has already been replaced', () => {
    const { supervisor, children, timers, states, last } = setup();
    supervisor.start();
    const first = last();
    first.exit(1);
    timers.advance(250);
    const second = last();
    expect(second).not.toBe(first);
    const before = states.length;

    first.exit(1); // a late, duplicate exit report from the old process
    timers.advance(60_000);
    expect(states.length).toBe(before);
    expect(children).toHaveLength(2);
    expect(supervisor.current).toBe(second);
  });
});
