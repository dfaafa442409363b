// /v1/events: a device pushes the events it recorded (each answered in order:
// accepted, duplicate or refused) and pulls those of the cases it is party
// to, long-polling for new ones.
import { z } from 'zod';
import { MAX_PUSH_EVENTS, pullQuery } from '../../shared/sync/protocol.ts';
import { recordPull } from '../at-rest/sealed-store.ts';
import { inspectEvent } from '../events.ts';
import { parseJson, valid } from '../http/request.ts';
import type { AppendInput } from '../storage/contract.ts';
import { partyOf, type Handlers, type RouteContext } from './context.ts';

const pushBatch = z.object({ events: z.array(z.unknown()).min(1).max(MAX_PUSH_EVENTS) });

export function eventRoutes({ store, region, appended, commits }: RouteContext): Handlers<'pushEvents' | 'pullEvents'> {
  return {
    async pushEvents(request, _reply, signed) {
      const { device, key } = signed!;
      const { events } = valid(pushBatch, parseJson(request.body), 'push');
      const receivedAt = new Date().toISOString();
      // The key the request's signature was checked with, parsed once per device: never another's.
      const inspections = events.map((raw) => inspectEvent(raw, key));
      const inputs: AppendInput[] = inspections.flatMap((inspected) =>
        inspected.ok
          ? [
              {
                event: inspected.event,
                sourceDeviceId: device.deviceId,
                receivedAt,
                blobs: inspected.blobs,
                signature: inspected.signature,
              },
            ]
          : [],
      );
      // In order, in one transaction shared with other pushes: an event may depend on the one before it.
      const appendResults = inputs.length > 0 ? await commits.append(inputs, device) : [];
      let next = 0;
      const results = inspections.map((inspected) => (inspected.ok ? appendResults[next++]! : inspected.result));
      if (results.some((result) => result.status === 'accepted')) appended.notify();
      const refused: Record<string, number> = {};
      for (const result of results) {
        if (result.status === 'refused') refused[result.reason] = (refused[result.reason] ?? 0) + 1;
      }
      request.log.info(
        {
          event: 'push',
          device: device.deviceId,
          accepted: results.filter((r) => r.status === 'accepted').length,
          duplicate: results.filter((r) => r.status === 'duplicate').length,
          refused,
        },
        'events pushed',
      );
      return { results };
    },

    async pullEvents(request, reply, signed) {
      const { device } = signed!;
      const { after, limit: max, wait } = valid(pullQuery, request.query, 'query');
      const party = partyOf(device, region);
      await recordPull(store, device.deviceId, after);
      const gone = new AbortController();
      reply.raw.once('close', () => gone.abort());
      return appended.poll(
        () => store.pullEvents(party, after, max),
        (page) => page.events.length > 0,
        Date.now() + wait * 1000,
        gone.signal,
      );
    },
  };
}
