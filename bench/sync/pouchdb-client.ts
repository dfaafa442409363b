// The PouchDB client of the comparison, its own process: a pouchdb-node
// database in <dir> loaded with the drain's cases as documents (each a case's
// events) and its scans as attachments, then, when its parent says so,
// replicated to <url> with PouchDB's defaults. It reports the replication's
// seconds and what was written. `node bench/sync/pouchdb-client.ts <dir> <docs.json> <url>`
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { PEER_DIR } from './pouchdb-install.ts';
import { scanBytes } from './scan-bytes.ts';

/** A case as a document: its events as the device pushes them, and the indexes of its scans. */
export interface CaseDoc {
  _id: string;
  events: unknown[];
  scans: number[];
}

interface Database {
  bulkDocs(docs: object[]): Promise<{ error?: string }[]>;
  replicate: { to(url: string): Promise<{ ok: boolean; docs_written: number; errors: unknown[] }> };
}

const [dir, docsFile, url] = process.argv.slice(2);
if (!dir || !docsFile || !url) throw new Error('usage: node bench/sync/pouchdb-client.ts <dir> <docs.json> <url>');
const {
  seed,
  scanBytes: size,
  docs,
} = JSON.parse(readFileSync(docsFile, 'utf8')) as {
  seed: number;
  scanBytes: number;
  docs: CaseDoc[];
};
const PouchDB = createRequire(join(PEER_DIR, 'package.json'))('pouchdb-node') as new (name: string) => Database;
const db = new PouchDB(join(dir, 'cases'));

for (let i = 0; i < docs.length; i += 100) {
  const batch = docs.slice(i, i + 100).map(({ _id, events, scans }) => ({
    _id,
    events,
    _attachments: Object.fromEntries(
      scans.map((scan, k) => [`scan-${k}.jpg`, { content_type: 'image/jpeg', data: scanBytes(scan, seed, size) }]),
    ),
  }));
  const results = await db.bulkDocs(batch);
  const failed = results.find((r) => r.error);
  if (failed) throw new Error(`loading the PouchDB client failed: ${failed.error}`);
}
process.send!({ loaded: docs.length });
process.once('message', () => {
  void (async () => {
    const t0 = performance.now();
    const result = await db.replicate.to(url);
    const seconds = (performance.now() - t0) / 1000;
    if (!result.ok || result.errors.length > 0) throw new Error(`replication failed: ${JSON.stringify(result.errors)}`);
    process.send!({ seconds, written: result.docs_written });
  })().catch((error: unknown) => {
    process.send!({ error: String(error) });
  });
});
process.on('disconnect', () => process.exit(0));
