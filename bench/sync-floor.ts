// The raw floor of the sync benchmark (bench/sync.ts): a no-op HTTP endpoint
// that takes a POSTed body, writes it to a new file, fsyncs it and only then
// answers — what any server must at least do to hold bytes durably. Run as its
// own process, as the exchange server is: `node bench/sync-floor.ts <dir>`;
// it tells its parent the port it listens on.
import { open } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';

const dir = process.argv[2];
if (!dir) throw new Error('usage: node bench/sync-floor.ts <dir>');

let files = 0;
const server = createServer((request, response) => {
  const chunks: Buffer[] = [];
  request.on('data', (chunk: Buffer) => chunks.push(chunk));
  request.on('end', () => {
    void (async () => {
      const handle = await open(join(dir, String(++files)), 'w', 0o600);
      try {
        await handle.writeFile(Buffer.concat(chunks));
        await handle.sync();
      } finally {
        await handle.close();
      }
      response.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
    })().catch(() => response.writeHead(500).end());
  });
});
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => process.send?.({ port: (server.address() as AddressInfo).port }));
process.on('disconnect', () => process.exit(0));
