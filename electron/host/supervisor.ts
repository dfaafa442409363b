// Keeps one backend process alive. Used by Electron main (utilityProcess) and
// by the browser-mode host (a Node child process): when the backend exits it
// is started again after a short backoff, unless it said restarting cannot
// help (a database from a newer version, a runtime without node:sqlite) or it
// keeps dying right after start.
import { EXIT_CONFIG_ERROR, EXIT_DATA_ERROR } from '../backend/runtime-check.ts';

export interface ChildHandle {
  readonly pid: number | undefined;
  onExit(listener: (code: number | null) => void): void;
  kill(): void;
}

export type SupervisorState =
  | { kind: 'starting'; attempt: number }
  | { kind: 'running'; pid: number | undefined }
  | { kind: 'restarting'; code: number | null; delayMs: number }
  | { kind: 'failed'; code: number | null; reason: 'fatal_exit' | 'crash_loop' }
  | { kind: 'stopped' };

export interface Timers {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface SupervisorOptions<C extends ChildHandle> {
  spawn(): C;
  onState?(state: SupervisorState, child: C | null): void;
  timers?: Timers;
  /** A run shorter than this counts towards a crash loop. */
  stableAfterMs?: number;
  maxRapidFailures?: number;
  fatalExitCodes?: readonly number[];
}

const realTimers: Timers = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export function restartDelayMs(rapidFailures: number): number {
  return Math.min(250 * 2 ** Math.max(0, rapidFailures - 1), 5000);
}

export class BackendSupervisor<C extends ChildHandle> {
  private child: C | null = null;
  private startedAt = 0;
  private rapidFailures = 0;
  private attempt = 0;
  private pendingRestart: unknown = null;
  private stopped = true;
  private readonly timers: Timers;
  private readonly stableAfterMs: number;
  private readonly maxRapidFailures: number;
  private readonly fatalExitCodes: readonly number[];

  private readonly options: SupervisorOptions<C>;

  constructor(options: SupervisorOptions<C>) {
    this.options = options;
    this.timers = options.timers ?? realTimers;
    this.stableAfterMs = options.stableAfterMs ?? 10_000;
    this.maxRapidFailures = options.maxRapidFailures ?? 5;
    this.fatalExitCodes = options.fatalExitCodes ?? [EXIT_DATA_ERROR, EXIT_CONFIG_ERROR];
  }

  get current(): C | null {
    return this.child;
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.rapidFailures = 0;
    this.launch();
  }

  stop(): void {
    this.stopped = true;
    if (this.pendingRestart !== null) this.timers.clearTimeout(this.pendingRestart);
    this.pendingRestart = null;
    const child = this.child;
    this.child = null;
    child?.kill();
    this.emit({ kind: 'stopped' }, null);
  }

  private launch(): void {
    this.pendingRestart = null;
    this.attempt += 1;
    this.emit({ kind: 'starting', attempt: this.attempt }, null);
    const child = this.options.spawn();
    this.child = child;
    this.startedAt = this.timers.now();
    child.onExit((code) => this.exited(child, code));
    this.emit({ kind: 'running', pid: child.pid }, child);
  }

  private exited(child: C, code: number | null): void {
    if (child !== this.child || this.stopped) return;
    this.child = null;
    if (code !== null && this.fatalExitCodes.includes(code)) {
      this.emit({ kind: 'failed', code, reason: 'fatal_exit' }, null);
      return;
    }
    const ranFor = this.timers.now() - this.startedAt;
    this.rapidFailures = ranFor < this.stableAfterMs ? this.rapidFailures + 1 : 1;
    if (this.rapidFailures > this.maxRapidFailures) {
      this.emit({ kind: 'failed', code, reason: 'crash_loop' }, null);
      return;
    }
    const delayMs = restartDelayMs(this.rapidFailures);
    this.emit({ kind: 'restarting', code, delayMs }, null);
    this.pendingRestart = this.timers.setTimeout(() => this.launch(), delayMs);
  }

  private emit(state: SupervisorState, child: C | null): void {
    this.options.onState?.(state, child);
  }
}
