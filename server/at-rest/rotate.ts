// `npm run server -- rotate-data-key`, with the server stopped: a new server
// data key is added at the end of the key file (it becomes the one that
// seals), and every sealed payload and blob has its small data key rewrapped
// under it; the records' ciphertext is not touched. Once it reports that
// nothing names an old key, the old lines may be removed from the file. With
// TONGBAN_DATA_KEY the administrator appends the new key to the variable and
// runs this to rewrap.
import { appendFile } from 'node:fs/promises';
import { BlobStoreError, type BlobBackend } from '../blob-store/contract.ts';
import { blobStoreSettings, openBlobBackend } from '../blob-store/config.ts';
import { BlobStore } from '../blob-store/sealed-blobs.ts';
import type { CliIo } from '../cli.ts';
import type { ServerStore } from '../storage/contract.ts';
import { DataKeyError, loadDataKey, newKeyLine } from './data-key.ts';
import { isSealedPayload, rewrapPayload } from './payloads.ts';
import { atRestRowsOf } from './rows.ts';

const BATCH = 500;

export async function rotateDataKey(store: ServerStore, dataDir: string, io: CliIo): Promise<number> {
  const rows = atRestRowsOf(store);
  if (!rows) {
    io.err('This store keeps no sealed records.');
    return 1;
  }
  let backend: BlobBackend;
  try {
    // Before a key is added: a blob store that cannot be reached leaves the key file as it was.
    backend = await openBlobBackend(blobStoreSettings(), { dataDir, store });
  } catch (error) {
    if (!(error instanceof BlobStoreError)) throw error;
    io.err(error.message);
    return 1;
  }
  let loaded;
  try {
    loaded = await loadDataKey(dataDir);
    if (!process.env.TONGBAN_DATA_KEY) {
      await appendFile(loaded.source, newKeyLine(), { flush: true });
      loaded = await loadDataKey(dataDir);
    }
  } catch (error) {
    await backend.close();
    if (!(error instanceof DataKeyError)) throw error;
    io.err(error.message);
    return 1;
  }
  const { keyring } = loaded;
  let payloads = 0;
  for (;;) {
    const batch = await rows.payloadsNotUnder(keyring.current.id, BATCH);
    let replaced = 0;
    for (const { eventId, payload } of batch) {
      const stored = JSON.parse(payload) as unknown;
      if (!isSealedPayload(stored)) continue;
      const to = JSON.stringify(rewrapPayload(keyring, eventId, stored));
      if (await rows.replacePayload(eventId, payload, to)) replaced += 1;
    }
    payloads += replaced;
    if (batch.length < BATCH || replaced === 0) break;
  }
  const blobs = await new BlobStore(backend, keyring).rewrap().finally(() => backend.close());
  io.out(`Rewrapped ${payloads} payload(s) and ${blobs} scan(s) under data key ${keyring.current.id}.`);
  const old = [...keyring.keys.keys()].filter((id) => id !== keyring.current.id);
  if (old.length > 0) {
    io.err(
      `Key(s) ${old.join(', ')} in ${loaded.source} now seal nothing here: remove their lines once ` +
        'no copy of the data sealed under them is kept.',
    );
  }
  return 0;
}
