// Sync brings a case's changes in bursts, one `cases.changed` per pulled
// batch. Each asking for the case again at once piles calls up on a busy
// backend until some answer too late; one reading at a time, and one more
// after it for whatever arrived meanwhile, shows the same final state.

/**
 * Runs `task` now, or, while one run is under way, once more after it
 * (however often it was asked meanwhile). The promise settles when the run
 * that covers this request has ended.
 */
export function singleFlight(task: () => Promise<void>): () => Promise<void> {
  let running: Promise<void> | null = null;
  let queued: Promise<void> | null = null;
  const start = (): Promise<void> => {
    running = task().finally(() => {
      running = null;
    });
    return running;
  };
  return () => {
    if (!running) return start();
    queued ??= running.then(
      () => {
        queued = null;
        return start();
      },
      () => {
        queued = null;
        return start();
      },
    );
    return queued;
  };
}
