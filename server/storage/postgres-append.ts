// Appending events in PostgreSQL. Calls interleave over the pool, so what
// SQLite gets from running one transaction at a time is done here with locks:
// advisory locks on the event and case ids, and the counter row held to COMMIT.
import type { Pool, PoolClient } from 'pg';
import type { PushResult } from '../../shared/sync/protocol.ts';
import type { AppendContext, AppendInput, CaseRecord, StatusPageUpdate, StatusStep, Verdict } from './contract.ts';
import { inTransaction, LOCK } from './postgres-pool.ts';
import * as statusPages from './postgres-status-pages.ts';
import { notifyAppended } from './postgres-wake.ts';
import { toCase, type CaseRow } from './rows.ts';

/** What the append of one event came to; its server_seq is filled in once the numbers are taken. */
type Outcome = PushResult | { eventId: string; status: 'accepted' | 'duplicate'; step: { serverSeq: number } };

export async function appendEvents(
  pool: Pool,
  inputs: readonly AppendInput[],
  check: (input: AppendInput, context: AppendContext) => Verdict,
  /** The appending server instance, named in the notice that wakes the others' pulls. */
  instance: string,
): Promise<PushResult[]> {
  if (inputs.length === 0) return [];
  const eventIds = [...new Set(inputs.map((input) => input.event.eventId))];
  const caseIds = [...new Set(inputs.map((input) => input.event.caseId))];
  const blobIds = [...new Set(inputs.flatMap((input) => input.blobs))];
  return inTransaction(pool, async (client): Promise<PushResult[]> => {
    // Held to COMMIT, event ids before case ids, each in hash order, so two
    // appends never wait on each other in a ring: a resend racing its original
    // finds it here (a duplicate, not a constraint error), and appends to one
    // case see each other, so the check judges the case as the previous append left it.
    for (const [lock, keys] of [
      [LOCK.eventId, eventIds],
      [LOCK.caseId, caseIds],
    ] as const) {
      await client.query(
        'SELECT pg_advisory_xact_lock($1, h) FROM (SELECT DISTINCT hashtext(k) AS h FROM unnest($2::text[]) k ORDER BY h) s',
        [lock, keys],
      );
    }

    // What is there, read once for the whole batch; the batch's own appends are added as they are judged.
    const known = new Map<string, { contentHash: string; step: { serverSeq: number } }>();
    for (const row of (
      await client.query<{ event_id: string; server_seq: number; content_hash: string }>(
        'SELECT event_id, server_seq, content_hash FROM events WHERE event_id = ANY($1::text[])',
        [eventIds],
      )
    ).rows) {
      known.set(row.event_id, { contentHash: row.content_hash, step: { serverSeq: row.server_seq } });
    }
    const cases = new Map(
      (await client.query<CaseRow>('SELECT * FROM cases WHERE case_id = ANY($1::text[])', [caseIds])).rows.map(
        (row) => [row.case_id, toCase(row)],
      ),
    );
    const histories = new Map<string, StatusStep[]>();
    for (const row of (
      await client.query<StatusStep & { caseId: string }>(
        `SELECT case_id AS "caseId", event_id AS "eventId", type, server_seq AS "serverSeq", status_after AS "statusAfter"
         FROM events WHERE case_id = ANY($1::text[]) ORDER BY server_seq`,
        [caseIds],
      )
    ).rows) {
      const { caseId, ...step } = row;
      histories.set(caseId, [...(histories.get(caseId) ?? []), step]);
    }
    const held =
      blobIds.length === 0
        ? new Set<string>()
        : new Set(
            (
              await client.query<{ sha256: string }>('SELECT sha256 FROM blobs WHERE sha256 = ANY($1::text[])', [
                blobIds,
              ])
            ).rows.map((row) => row.sha256),
          );

    // Judged in order, in memory.
    const outcomes: Outcome[] = [];
    const appended: { input: AppendInput; step: StatusStep }[] = [];
    const created = new Set<string>();
    const pages: { caseId: string; update: StatusPageUpdate }[] = [];
    for (const input of inputs) {
      const { event } = input;
      const seen = known.get(event.eventId);
      if (seen) {
        outcomes.push(
          seen.contentHash === event.contentHash
            ? { eventId: event.eventId, status: 'duplicate', step: seen.step }
            : {
                eventId: event.eventId,
                status: 'refused',
                reason: 'hash_mismatch',
                detail: 'This event id is already here with other content.',
              },
        );
        continue;
      }
      const current = cases.get(event.caseId) ?? null;
      const history = histories.get(event.caseId) ?? [];
      const verdict = check(input, {
        case: current,
        history: [...history],
        missingBlobs: input.blobs.filter((sha256) => !held.has(sha256)),
      });
      if (!verdict.ok) {
        outcomes.push({
          eventId: event.eventId,
          status: 'refused',
          reason: verdict.reason,
          ...(verdict.detail ? { detail: verdict.detail } : {}),
          ...(verdict.winner ? { winner: verdict.winner } : {}),
        });
        continue;
      }
      if (!current && !verdict.newCase) throw new Error('An event for a case the server does not have was allowed.');
      if (current) cases.set(event.caseId, { ...current, status: verdict.statusAfter });
      else {
        cases.set(event.caseId, {
          caseId: event.caseId,
          originDeviceId: input.sourceDeviceId,
          ...verdict.newCase!,
          status: verdict.statusAfter,
        });
        created.add(event.caseId);
      }
      const step: StatusStep = {
        eventId: event.eventId,
        type: event.type,
        serverSeq: 0,
        statusAfter: verdict.statusAfter,
      };
      histories.set(event.caseId, [...history, step]);
      if (verdict.statusPage) pages.push({ caseId: event.caseId, update: verdict.statusPage });
      known.set(event.eventId, { contentHash: event.contentHash, step });
      appended.push({ input, step });
      outcomes.push({ eventId: event.eventId, status: 'accepted', step });
    }

    if (appended.length > 0) await write(client, appended, cases, created, instance);
    await statusPages.write(client, pages);
    return outcomes.map((outcome) =>
      'step' in outcome
        ? { eventId: outcome.eventId, status: outcome.status, serverSeq: outcome.step.serverSeq }
        : outcome,
    );
  });
}

/** The writes of appendEvents: numbers, cases, events, blob links — a statement each, however many events. */
async function write(
  client: PoolClient,
  appended: readonly { input: AppendInput; step: StatusStep }[],
  cases: ReadonlyMap<string, CaseRecord>,
  created: ReadonlySet<string>,
  instance: string,
): Promise<void> {
  // The counter row stays locked until COMMIT, so the next append gets its
  // numbers only once these events are visible: server_seq follows commit order
  // and a pull cursor never passes an event that is still being written.
  // Taken after the reads and the checks, to hold it for as short a time as the work allows.
  // The same statement queues the notice that wakes other instances' pulls; it leaves at COMMIT.
  const last = (
    await client.query<{ last: number }>(
      `WITH counter AS (UPDATE event_counter SET last = last + $1 RETURNING last)
       SELECT last, ${notifyAppended('$2', 'last')} FROM counter`,
      [appended.length, instance],
    )
  ).rows[0]!.last;
  appended.forEach(({ step }, i) => (step.serverSeq = last - appended.length + 1 + i));

  const touched = [...new Set(appended.map(({ input }) => input.event.caseId))].map((id) => cases.get(id)!);
  const fresh = touched.filter((c) => created.has(c.caseId));
  const changed = touched.filter((c) => !created.has(c.caseId));
  if (fresh.length > 0) {
    await client.query(
      `INSERT INTO cases (case_id, origin_device_id, intake_region, handling_region, matter_id, status)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::integer[])`,
      [
        fresh.map((c) => c.caseId),
        fresh.map((c) => c.originDeviceId),
        fresh.map((c) => c.intakeRegion),
        fresh.map((c) => c.handlingRegion),
        fresh.map((c) => c.matterId),
        fresh.map((c) => c.status),
      ],
    );
  }
  if (changed.length > 0) {
    await client.query(
      `UPDATE cases SET status = v.status FROM unnest($1::text[], $2::integer[]) AS v (case_id, status)
       WHERE cases.case_id = v.case_id`,
      [changed.map((c) => c.caseId), changed.map((c) => c.status)],
    );
  }
  const column = <T>(value: (input: AppendInput, step: StatusStep) => T): T[] =>
    appended.map(({ input, step }) => value(input, step));
  await client.query(
    `INSERT INTO events (server_seq, event_id, case_id, type, payload, actor_user_id, actor_role, device_id,
       occurred_at, content_hash, blobs, source_device_id, received_at, status_after, signature)
     SELECT * FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[],
       $8::text[], $9::text[], $10::text[], $11::text[], $12::text[], $13::text[], $14::integer[], $15::text[])`,
    [
      column((_, step) => step.serverSeq),
      column(({ event }) => event.eventId),
      column(({ event }) => event.caseId),
      column(({ event }) => event.type),
      column(({ event }) => JSON.stringify(event.payload)),
      column(({ event }) => event.actor.userId),
      column(({ event }) => event.actor.role),
      column(({ event }) => event.deviceId),
      column(({ event }) => event.occurredAt),
      column(({ event }) => event.contentHash),
      column(({ event }) => JSON.stringify(event.blobs)),
      column((input) => input.sourceDeviceId),
      column((input) => input.receivedAt),
      column((_, step) => step.statusAfter),
      column((input) => input.signature ?? null),
    ],
  );
  const links = appended.flatMap(({ input, step }) =>
    [...new Set(input.blobs)].map((sha256) => [sha256, step.serverSeq] as const),
  );
  if (links.length > 0) {
    await client.query(
      `INSERT INTO event_blobs (sha256, server_seq) SELECT * FROM unnest($1::text[], $2::bigint[])
       ON CONFLICT DO NOTHING`,
      [links.map(([sha256]) => sha256), links.map(([, seq]) => seq)],
    );
  }
}
