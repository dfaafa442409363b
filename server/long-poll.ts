// Wakes waiting pulls when an event is appended. A version number closes the
// gap between "the pull found nothing" and "the pull started waiting": a pull
// waits only while the version is still the one it read before looking.
export class AppendSignal {
  private current = 0;
  private closed = false;
  private readonly waiters = new Set<() => void>();

  get version(): number {
    return this.current;
  }

  /** True once the server is stopping: a pull answers with what it has instead of looking again. */
  get closing(): boolean {
    return this.closed;
  }

  notify(): void {
    this.current += 1;
    for (const wake of this.waiters) wake();
    this.waiters.clear();
  }

  /** Resolves when the version moves past `seen`, after `ms`, on abort, or when the server closes. */
  wait(seen: number, ms: number, signal: AbortSignal): Promise<void> {
    if (this.closed || this.current !== seen || signal.aborted || ms <= 0) return Promise.resolve();
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        signal.removeEventListener('abort', done);
        this.waiters.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      signal.addEventListener('abort', done);
      this.waiters.add(done);
    });
  }

  /**
   * A long poll: `look` until it finds something, the deadline passes, the
   * client goes away or the server stops; between looks, wait for an append.
   */
  async poll<T>(look: () => Promise<T>, found: (value: T) => boolean, deadline: number, gone: AbortSignal): Promise<T> {
    for (;;) {
      const seen = this.version;
      const value = await look();
      if (found(value) || Date.now() >= deadline || gone.aborted) return value;
      await this.wait(seen, deadline - Date.now(), gone);
      // Stopping: the store may be closing too, so no second look.
      if (this.version === seen || this.closing) return value;
    }
  }

  /**
   * The server is stopping: every waiting pull answers now with what it has,
   * and a new one looks once without waiting, so devices turn to another
   * instance. Appends still go on; `close` ends the signal once nothing is left.
   */
  closeAll(): void {
    this.closed = true;
    for (const wake of this.waiters) wake();
    this.waiters.clear();
  }

  /** Releases every waiting pull so the server can stop. */
  close(): void {
    this.closed = true;
    this.notify();
  }
}
