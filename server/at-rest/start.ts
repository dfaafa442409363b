// What a serving server does about data at rest before it listens and while
// it runs: read the data key (refusing to start on a bad one), seal what an
// earlier server kept in clear — a one-time job at start, idempotent, in
// batches: payload rows, then blob files — and purge by the retention rule
// once a day. Logs carry counts and the key's source, never a key or a record.
import type { FastifyBaseLogger } from 'fastify';
import type { BlobBackend } from '../blob-store/contract.ts';
import { FolderBackend } from '../blob-store/folder.ts';
import { BlobStore } from '../blob-store/sealed-blobs.ts';
import { applyRetention, planRetention, retentionDays, scheduleRetention } from '../retention.ts';
import type { ServerStore } from '../storage/contract.ts';
import { loadDataKey, type Keyring, type LoadedDataKey } from './data-key.ts';
import { sealPayload } from './payloads.ts';
import { atRestRowsOf, type AtRestRows } from './rows.ts';

const BATCH = 500;

/** Seals the payloads kept in clear; the number sealed. */
export async function sealClearPayloads(rows: AtRestRows, keyring: Keyring): Promise<number> {
  let sealed = 0;
  for (;;) {
    const batch = await rows.clearPayloads(BATCH);
    let replaced = 0;
    for (const { eventId, payload } of batch) {
      const to = JSON.stringify(sealPayload(keyring, eventId, JSON.parse(payload)));
      if (await rows.replacePayload(eventId, payload, to)) replaced += 1;
    }
    sealed += replaced;
    if (batch.length < BATCH || replaced === 0) return sealed;
  }
}

export interface AtRestStart extends LoadedDataKey {
  sealed: { payloads: number; blobs: number };
}

/** Reads the data key and seals what is still in clear. DataKeyError when the key refuses the start. */
export async function prepareAtRest(store: ServerStore, dataDir: string): Promise<AtRestStart> {
  const loaded = await loadDataKey(dataDir);
  const rows = atRestRowsOf(store);
  const payloads = rows ? await sealClearPayloads(rows, loaded.keyring) : 0;
  // Only the data folder ever held blobs in clear: the other back ends came after sealing.
  const blobs = await new BlobStore(new FolderBackend(dataDir), loaded.keyring).sealClear();
  return { ...loaded, sealed: { payloads, blobs } };
}

/** The daily purge; the function stops it. */
export function startDailyRetention(
  store: ServerStore,
  blobs: Pick<BlobBackend, 'remove'>,
  log: FastifyBaseLogger,
): () => void {
  const rows = atRestRowsOf(store);
  if (!rows) return () => {};
  const days = retentionDays();
  return scheduleRetention(
    async () => applyRetention(rows, await planRetention(store, rows, { days }), blobs),
    (result) => log.info({ event: 'retention', days, ...result }, 'retention purge done'),
    (error) => log.error({ event: 'retention_failed', name: error.name }, 'retention purge failed'),
  );
}
