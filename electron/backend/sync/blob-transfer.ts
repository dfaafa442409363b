// The files cases refer to (scans, signatures), both ways: sent before the
// events that name them, since the server takes an event only once it holds
// its files; fetched after pulled events that name them, checked against
// their hash, stored, then linked to their cases.
import { BLOB_CHUNK_BYTES } from '../../../shared/sync/protocol.ts';
import { inParallel, transaction, type SyncContext } from './context.ts';
import { RemoteError, type RemoteClient } from './remote-client.ts';

/**
 * Scans in flight at once. Each upload waits on durable writes at the server; with 16 under way the server
 * keeps the ones that arrive together in one group (its fsyncs at once, one record commit), and a 2,000-case
 * drain took 12 s where 4 at a time took 22 (bench/README.md). 16 × 64 KB is 1 MB in flight: still polite.
 */
export const BLOB_CONCURRENCY = 16;
/** Sent scans leave the outbox this many to a transaction: a crash before that only sends them again. */
const BLOB_DONE_BATCH = 64;

export interface SendingProgress {
  done: number;
  total: number;
}

/** Sends the remote's outbox of files, saying how many bytes of how many are through as it goes. */
export async function pushBlobs(
  ctx: SyncContext,
  remoteId: string,
  client: RemoteClient,
  signal: AbortSignal,
  sending: (progress: SendingProgress) => void,
): Promise<void> {
  const { db } = ctx;
  const pending = db
    .prepare(
      `SELECT o.sha256, b.size FROM outbox_blobs o JOIN blobs b USING (sha256)
       WHERE o.remote_id = ? ORDER BY o.enqueued_at`,
    )
    .all(remoteId) as { sha256: string; size: number }[];
  const total = pending.reduce((sum, blob) => sum + blob.size, 0);
  let done = 0;
  const sent: string[] = [];
  const forget = (): void => {
    if (sent.length === 0) return;
    const remove = db.prepare('DELETE FROM outbox_blobs WHERE remote_id = ? AND sha256 = ?');
    transaction(db, () => {
      for (const sha256 of sent.splice(0)) remove.run(remoteId, sha256);
    });
  };
  sending({ done, total });
  try {
    await inParallel(pending, BLOB_CONCURRENCY, async ({ sha256, size }) => {
      await sendBlob(ctx, client, sha256, signal, (bytes) => {
        sending({ done: done + bytes, total });
        ctx.onStatus();
      });
      done += size;
      sending({ done, total });
      sent.push(sha256);
      if (sent.length >= BLOB_DONE_BATCH) forget();
    });
  } finally {
    forget();
  }
}

async function sendBlob(
  ctx: SyncContext,
  client: RemoteClient,
  sha256: string,
  signal: AbortSignal,
  progress: (bytes: number) => void,
): Promise<void> {
  // Read, decrypted and checked against its name: the name is then the body's hash for the signature.
  const bytes = ctx.blobs.read(sha256);
  if (bytes.length <= BLOB_CHUNK_BYTES) {
    // One request, no HEAD: a server that holds the blob answers at once, one that holds part keeps only what is new.
    const status = await client.putBlobChunk(sha256, bytes, 0, bytes.length, signal, sha256);
    if (!status.complete) throw new RemoteError('protocol', 'The server did not keep a whole scan.');
    progress(bytes.length);
    return;
  }
  if (await client.hasBlob(sha256, signal)) return;
  // An upload cut midway goes on from where the server got to.
  for (let first = await client.blobReceived(sha256, signal); first < bytes.length; first += BLOB_CHUNK_BYTES) {
    await client.putBlobChunk(sha256, bytes.subarray(first, first + BLOB_CHUNK_BYTES), first, bytes.length, signal);
    progress(Math.min(first + BLOB_CHUNK_BYTES, bytes.length));
  }
}

/** Files pulled events refer to: downloaded, checked against their hash, stored, then linked to their cases. */
export async function fetchBlobs(
  ctx: SyncContext,
  remoteId: string,
  client: RemoteClient,
  signal: AbortSignal,
): Promise<void> {
  const { db } = ctx;
  const wanted = db
    .prepare('SELECT sha256, min(media_type) AS media_type FROM blob_fetches WHERE remote_id = ? GROUP BY sha256')
    .all(remoteId) as { sha256: string; media_type: string }[];
  const changed = new Set<string>();
  await inParallel(wanted, BLOB_CONCURRENCY, async ({ sha256, media_type }) => {
    const bytes = await client.getBlob(sha256, signal);
    ctx.blobs.put(bytes, media_type, null);
    transaction(db, () => {
      const cases = db
        .prepare(
          `INSERT OR IGNORE INTO case_blobs (case_id, sha256, material_id)
           SELECT case_id, sha256, material_id FROM blob_fetches WHERE remote_id = ? AND sha256 = ? RETURNING case_id`,
        )
        .all(remoteId, sha256) as { case_id: string }[];
      for (const { case_id } of cases) changed.add(case_id);
      db.prepare('DELETE FROM blob_fetches WHERE remote_id = ? AND sha256 = ?').run(remoteId, sha256);
    });
  });
  if (changed.size > 0) ctx.onCasesChanged([...changed]);
}
