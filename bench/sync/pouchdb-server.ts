// The PouchDB side of the comparison, its own process: express-pouchdb over
// PouchDB 9 (pouchdb-node, LevelDB in <dir>) on a loopback port, as a CouchDB
// stand-in takes replication. `node bench/sync/pouchdb-server.ts <dir>`; it
// tells its parent the port it listens on.
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { PEER_DIR } from './pouchdb-install.ts';

const dir = process.argv[2];
if (!dir) throw new Error('usage: node bench/sync/pouchdb-server.ts <dir>');

interface Express {
  use(handler: unknown): void;
  listen(port: number, host: string, ready: () => void): { address(): AddressInfo | string | null };
}
const peer = createRequire(join(PEER_DIR, 'package.json'));
const PouchDB = peer('pouchdb-node') as { defaults(options: { prefix: string }): unknown };
const expressPouchDb = peer('express-pouchdb') as (pouch: unknown, options: object) => unknown;
const express = peer('express') as () => Express;

const app = express();
// Only the database routes: no admin UI, no config file, no log file in the working folder.
app.use(expressPouchDb(PouchDB.defaults({ prefix: `${dir}/` }), { mode: 'minimumForPouchDB', inMemoryConfig: true }));
const server = app.listen(0, '127.0.0.1', () => process.send?.({ port: (server.address() as AddressInfo).port }));
process.on('disconnect', () => process.exit(0));
