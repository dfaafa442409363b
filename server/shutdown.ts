// A graceful stop on SIGTERM or SIGINT, so a load balancer can roll instances:
// readiness turns 503 and long polls answer at once (lifecycle.ts), the
// requests under way — pushes, chunks of uploads — finish and are answered
// within a grace period, then the listener, the blob store and the store close. Each push
// and chunk is its own transaction or fsynced write, so a request cut when
// the grace runs out leaves nothing half-written: its device sends it again.
import type { FastifyInstance } from 'fastify';
import type { Lifecycle } from './lifecycle.ts';
import type { ServerStore } from './storage/contract.ts';

/** Under the 30 seconds an orchestrator commonly waits before it kills. */
export const DEFAULT_SHUTDOWN_GRACE_S = 25;

/** TONGBAN_SHUTDOWN_GRACE in milliseconds, or null when it is not a number of seconds. */
export function shutdownGraceMs(text: string | undefined): number | null {
  if (text === undefined || text === '') return DEFAULT_SHUTDOWN_GRACE_S * 1000;
  const seconds = Number(text);
  return Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : null;
}

/** Stops the server; true when every request under way was answered within the grace period. */
export async function shutDown(
  app: FastifyInstance,
  lifecycle: Lifecycle,
  store: ServerStore,
  graceMs: number,
  blobs: { close(): Promise<void> },
): Promise<boolean> {
  lifecycle.stop();
  app.log.info(
    { event: 'stopping', underWay: lifecycle.requestsUnderWay, graceSeconds: graceMs / 1000 },
    'stopping: not ready, finishing the requests under way',
  );
  const clean = await lifecycle.settled(graceMs);
  if (!clean) {
    app.log.warn({ event: 'stop_cut', underWay: lifecycle.requestsUnderWay }, 'grace period over: requests cut');
    app.server.closeAllConnections();
  }
  await app.close();
  await blobs.close();
  await store.close();
  app.log.info({ event: 'stopped', clean }, 'stopped');
  return clean;
}
