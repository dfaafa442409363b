// The loop that keeps one remote in sync: a pass after another, long-polling
// between them. Network failures back off exponentially with jitter and a cap;
// a local change, a reconnect or a resume cuts a long-poll or a backoff short.
import { RemoteError } from './remote-client.ts';

export const BACKOFF_BASE_MS = 1000;
export const BACKOFF_CAP_MS = 60_000;

/** Exponential, capped, with ±50 % jitter so windows that lost the link together do not return together. */
export function backoffMs(failures: number, random: () => number = Math.random): number {
  const exponential = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** Math.max(0, failures - 1));
  return Math.round(exponential * (0.5 + random()));
}

/** What a runner does for its remote. */
export interface RunnerWork {
  /** One pass; it says how it goes through the runner's `online` and `sending`. */
  cycle(signal: AbortSignal, runner: RemoteRunner): Promise<void>;
  /** A pass failed: the remote's record says so. */
  failed(error: unknown): void;
  random: () => number;
}

export class RemoteRunner {
  private readonly work: RunnerWork;
  private stopped = false;
  private failures = 0;
  private wake: (() => void) | null = null;
  private inFlight: AbortController | null = null;
  private again = false;
  online: boolean | null = null;
  sending: { done: number; total: number } | null = null;

  constructor(work: RunnerWork) {
    this.work = work;
  }

  start(): void {
    void this.loop();
  }

  stop(): void {
    this.stopped = true;
    this.inFlight?.abort();
    this.wake?.();
  }

  /** Run now: cut a long-poll or a backoff short. */
  kick(): void {
    this.again = true;
    this.inFlight?.abort();
    this.wake?.();
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done(): void {
        clearTimeout(timer);
        resolve();
      }
      this.wake = done;
    });
  }

  private async loop(): Promise<void> {
    while (!this.stopped) {
      this.again = false;
      const abort = new AbortController();
      this.inFlight = abort;
      try {
        await this.work.cycle(abort.signal, this);
        this.failures = 0;
      } catch (error) {
        if (abort.signal.aborted) continue; // kicked or stopped
        this.failures += 1;
        this.online = error instanceof RemoteError && error.kind === 'network' ? false : this.online;
        this.work.failed(error);
        if (!this.again) await this.sleep(backoffMs(this.failures, this.work.random));
      } finally {
        this.inFlight = null;
        this.sending = null;
      }
    }
  }
}
