// GET /livez and GET /readyz, for a load balancer or a service manager. Live:
// the process answers, nothing else is asked. Ready: not stopping, the store
// answers a trivial query and the blob store is there. Open and not rate
// limited: a check costs one query at most, and checks that arrive while one
// runs share its outcome. The answer names a reason, never an error's text.
import { z } from 'zod';
import type { FastifyBaseLogger } from 'fastify';
import type { Lifecycle } from '../lifecycle.ts';
import type { ServerStore } from '../storage/contract.ts';
import type { Handlers } from './context.ts';

export const NOT_READY_REASONS = ['shutting_down', 'store_unavailable', 'blobs_unavailable'] as const;
type NotReady = (typeof NOT_READY_REASONS)[number];

export const liveResponse = z.object({ status: z.literal('live') });
export const readyResponse = z.object({ status: z.literal('ready') });
export const notReadyResponse = z.object({ status: z.literal('unavailable'), reason: z.enum(NOT_READY_REASONS) });

/** Longer than a healthy query ever takes, shorter than a balancer's check timeout. */
const PROBE_TIMEOUT_MS = 2000;

export interface ReadinessProbes {
  store: ServerStore;
  /** Resolves when the blob store can be read and written; rejects otherwise. */
  blobs(): Promise<void>;
}

async function answers(work: () => Promise<unknown>): Promise<{ ok: true } | { ok: false; code: string }> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<{ ok: false; code: string }>((resolve) => {
    timer = setTimeout(() => resolve({ ok: false, code: 'timeout' }), PROBE_TIMEOUT_MS);
  });
  try {
    return await Promise.race([
      Promise.resolve()
        .then(work)
        .then(
          () => ({ ok: true as const }),
          (error: { code?: unknown; name?: unknown }) => ({
            ok: false as const,
            code: String(error.code ?? error.name),
          }),
        ),
      late,
    ]);
  } finally {
    clearTimeout(timer);
  }
}

export function healthRoutes(
  probes: ReadinessProbes,
  lifecycle: Lifecycle,
  log: FastifyBaseLogger,
): Handlers<'liveness' | 'readiness'> {
  const probe = async (): Promise<NotReady | null> => {
    const checks = [
      ['store_unavailable', () => probes.store.region()],
      ['blobs_unavailable', probes.blobs],
    ] as const;
    for (const [reason, check] of checks) {
      const outcome = await answers(check);
      if (!outcome.ok) {
        // The error's code or name only: a message may name a host or a path.
        log.warn({ event: 'not_ready', reason, code: outcome.code }, 'not ready');
        return reason;
      }
    }
    return null;
  };
  let running: Promise<NotReady | null> | null = null;

  return {
    async liveness() {
      return { status: 'live' };
    },

    async readiness(_request, reply) {
      let reason: NotReady | null = 'shutting_down';
      if (!lifecycle.stopping) {
        running ??= probe().finally(() => (running = null));
        reason = await running;
      }
      // A stop that began while the probe ran wins: the balancer must hear it at once.
      if (lifecycle.stopping) reason = 'shutting_down';
      // Each check must reach the instance itself, never a cache on the way.
      void reply.header('cache-control', 'no-store');
      if (!reason) return { status: 'ready' };
      return reply.code(503).send({ status: 'unavailable', reason });
    },
  };
}
