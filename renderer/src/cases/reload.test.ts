import { describe, expect, it } from 'vitest';
import { singleFlight } from './reload.ts';

/** A task whose runs the test ends one by one. */
function controlledTask() {
  const pending: { resolve(): void; reject(error: Error): void }[] = [];
  let runs = 0;
  const task = (): Promise<void> => {
    runs += 1;
    return new Promise((resolve, reject) => pending.push({ resolve, reject }));
  };
  return { task, pending, runs: () => runs };
}

describe('singleFlight', () => {
  it('runs at once when nothing is under way', async () => {
    const { task, pending, runs } = controlledTask();
    const request = singleFlight(task);
    const done = request();
    expect(runs()).toBe(1);
    pending[0]!.resolve();
    await done;
  });

  it('asked three times during a run, runs once more after it', async () => {
    const { task, pending, runs } = controlledTask();
    const request = singleFlight(task);
    const first = request();
    const later = [request(), request(), request()];
    expect(runs()).toBe(1);
    pending[0]!.resolve();
    await first;
    await Promise.resolve();
    expect(runs()).toBe(2);
    pending[1]!.resolve();
    await Promise.all(later);
    expect(runs()).toBe(2);
  });

  it('a failed run does not stop the one asked for after it', async () => {
    const { task, pending, runs } = controlledTask();
    const request = singleFlight(task);
    const first = request();
    const second = request();
    pending[0]!.reject(new Error('timeout'));
    await expect(first).rejects.toThrow('timeout');
    await Promise.resolve();
    expect(runs()).toBe(2);
    pending[1]!.resolve();
    await second;
  });

  it('runs again when asked after the last run ended', async () => {
    const { task, pending, runs } = controlledTask();
    const request = singleFlight(task);
    const first = request();
    pending[0]!.resolve();
    await first;
    const again = request();
    expect(runs()).toBe(2);
    pending[1]!.resolve();
    await again;
  });
});
