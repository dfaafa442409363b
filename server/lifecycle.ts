// The server's life as a load balancer sees it: serving, then stopping. Once
// stopping, readiness answers 503, waiting long polls answer and new ones look
// only once, and every other new request is refused before anything is read
// or written (503 shutting_down, safe to send again to another instance),
// while the requests already under way — pushes, chunks of uploads — run to
// their answer. The stop (shutdown.ts) waits for them, within a grace period.
import type { Server } from 'node:http';
import { HttpError } from './http/errors.ts';

export class Lifecycle {
  private stoppingNow = false;
  private underWay = 0;
  private readonly stopListeners: (() => void)[] = [];
  private readonly idleWaiters = new Set<() => void>();

  get stopping(): boolean {
    return this.stoppingNow;
  }

  /** Requests received and not yet answered (or given up by their client). */
  get requestsUnderWay(): number {
    return this.underWay;
  }

  /** Runs `listener` when the stop begins. */
  onStop(listener: () => void): void {
    this.stopListeners.push(listener);
  }

  /** Counts the requests of `server` from their headers to the end of their answer. */
  count(server: Server): void {
    server.on('request', (_request, response) => {
      this.underWay += 1;
      response.once('close', () => {
        this.underWay -= 1;
        if (this.underWay > 0) return;
        for (const wake of this.idleWaiters) wake();
        this.idleWaiters.clear();
      });
    });
  }

  /** Begins the stop; a second call changes nothing. */
  stop(): void {
    if (this.stoppingNow) return;
    this.stoppingNow = true;
    for (const listener of this.stopListeners) listener();
  }

  /** True once no request is under way, false when `ms` pass first. */
  settled(ms: number): Promise<boolean> {
    if (this.underWay === 0) return Promise.resolve(true);
    return new Promise((resolve) => {
      const done = (idle: boolean): void => {
        clearTimeout(timer);
        this.idleWaiters.delete(wake);
        resolve(idle);
      };
      const wake = (): void => done(true);
      const timer = setTimeout(() => done(false), ms);
      this.idleWaiters.add(wake);
    });
  }

  /** A route's first hook while the server stops: refused before the body is read, the nonce unspent. */
  readonly refuseWhenStopping = async (): Promise<void> => {
    if (!this.stoppingNow) return;
    throw new HttpError(
      503,
      'shutting_down',
      'This server is stopping; nothing was done. Send the request again in a moment.',
      { 'retry-after': '1', connection: 'close' },
    );
  };
}
