// Browser mode's UI answers over a real HTTP server on a temp folder of built
// files: the encoding the browser asked for with the right headers, the build's
// copies sent as they are, a copy made once otherwise, and the cache rule.
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendUiFile, UiFiles } from './ui-responses.ts';

const FOREVER = 'public, max-age=31536000, immutable';
const INDEX = `<!doctype html><html><body>${'<p>通办工作台</p>'.repeat(200)}</body></html>`;
const APP_JS = 'export const app = "通办工作台";\n'.repeat(2000);
const VENDOR_JS = 'export const vendor = 42;\n'.repeat(2000);
const BUILT_COPY_MARK = 'the build wrote this copy';
const SMALL_CSS = 'body{margin:0}';
// Only its name matters here (no content hash: never cached), not what it draws.
const FAVICON = '<svg/>';

let root: string;
let server: Server;
let port: number;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'tongban-ui-responses-'));
  mkdirSync(join(root, 'assets'));
  writeFileSync(join(root, 'index.html'), INDEX);
  writeFileSync(join(root, 'favicon.svg'), FAVICON);
  writeFileSync(join(root, 'assets', 'index-Daa8DXhD.js'), APP_JS);
  writeFileSync(join(root, 'assets', 'index-BsMUngZH.css'), SMALL_CSS);
  // The build's brotli copy of the vendor chunk; recognisable, so a test sees it was sent rather than remade.
  writeFileSync(join(root, 'assets', 'vendor-B8_xPsuR.js'), VENDOR_JS);
  writeFileSync(join(root, 'assets', 'vendor-B8_xPsuR.js.br'), brotliCompressSync(BUILT_COPY_MARK));
  const files = new UiFiles(root);
  server = createServer((req, res) => {
    void sendUiFile(files, req, res, new URL(req.url ?? '/', 'http://127.0.0.1').pathname, { 'X-Extra': 'kept' });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  rmSync(root, { recursive: true, force: true });
});

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/** A raw request: node:http does not decompress, so the bytes on the wire are what we check. */
function get(path: string, acceptEncoding?: string, method = 'GET'): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const headers = acceptEncoding === undefined ? {} : { 'Accept-Encoding': acceptEncoding };
    const req = request({ host: '127.0.0.1', port, path, method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('sendUiFile', () => {
  it('sends brotli when the browser takes it, with its length, Vary and the immutable rule', async () => {
    const answer = await get('/assets/index-Daa8DXhD.js', 'gzip, deflate, br, zstd');
    expect(answer.status).toBe(200);
    expect(answer.headers['content-encoding']).toBe('br');
    expect(answer.headers.vary).toBe('Accept-Encoding');
    expect(answer.headers['cache-control']).toBe(FOREVER);
    expect(answer.headers['content-type']).toMatch(/^text\/javascript/);
    expect(answer.headers['x-extra']).toBe('kept');
    expect(Number(answer.headers['content-length'])).toBe(answer.body.length);
    expect(answer.body.length).toBeLessThan(Buffer.byteLength(APP_JS) / 10);
    expect(brotliDecompressSync(answer.body).toString()).toBe(APP_JS);
  });

  it('sends gzip to a browser without brotli, and the file as it is to one without either', async () => {
    const gz = await get('/assets/index-Daa8DXhD.js', 'gzip');
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.body).toString()).toBe(APP_JS);

    for (const header of [undefined, 'identity', 'br;q=0, gzip;q=0']) {
      const plain = await get('/assets/index-Daa8DXhD.js', header);
      expect(plain.headers['content-encoding'], header).toBeUndefined();
      expect(plain.headers.vary, header).toBe('Accept-Encoding');
      expect(plain.body.toString(), header).toBe(APP_JS);
    }
  });

  it("sends the build's compressed copy as it is", async () => {
    const answer = await get('/assets/vendor-B8_xPsuR.js', 'br');
    expect(answer.headers['content-encoding']).toBe('br');
    expect(brotliDecompressSync(answer.body).toString()).toBe(BUILT_COPY_MARK);
  });

  it('ignores a copy older than its file (left from an earlier build) and compresses the file itself', async () => {
    const past = new Date(Date.now() - 60_000);
    const file = join(root, 'assets', 'stale-C1iE8mnY.js');
    writeFileSync(`${file}.br`, brotliCompressSync(BUILT_COPY_MARK));
    utimesSync(`${file}.br`, past, past);
    writeFileSync(file, APP_JS);
    const answer = await get('/assets/stale-C1iE8mnY.js', 'br');
    expect(brotliDecompressSync(answer.body).toString()).toBe(APP_JS);
  });

  it('keeps the shell and files without a hash out of every cache', async () => {
    for (const path of ['/', '/index.html']) {
      const answer = await get(path, 'br');
      expect(answer.headers['cache-control'], path).toBe('no-store');
      expect(answer.headers['content-encoding'], path).toBe('br');
      expect(brotliDecompressSync(answer.body).toString(), path).toBe(INDEX);
    }
    const favicon = await get('/favicon.svg', 'br');
    expect(favicon.headers['cache-control']).toBe('no-store');
  });

  it('sends a file too small to gain as it is, without Vary', async () => {
    const answer = await get('/assets/index-BsMUngZH.css', 'br');
    expect(answer.headers['content-encoding']).toBeUndefined();
    expect(answer.headers.vary).toBeUndefined();
    expect(answer.headers['cache-control']).toBe(FOREVER);
    expect(answer.body.toString()).toBe(SMALL_CSS);
  });

  it('answers HEAD with the headers and length of GET, and no body', async () => {
    const get1 = await get('/assets/index-Daa8DXhD.js', 'br');
    const head = await get('/assets/index-Daa8DXhD.js', 'br', 'HEAD');
    expect(head.status).toBe(200);
    expect(head.body.length).toBe(0);
    expect(head.headers['content-length']).toBe(get1.headers['content-length']);
    expect(head.headers['content-encoding']).toBe('br');
  });

  it.each(['/nope.js', '/assets', '/../etc/passwd', '/assets/index-Daa8DXhD.js%00'])(
    '%s → 404, not cached',
    async (path) => {
      const answer = await get(path, 'br');
      expect(answer.status).toBe(404);
      expect(answer.headers['cache-control']).toBe('no-store');
      expect(answer.headers['x-extra']).toBe('kept');
    },
  );
});

describe('UiFiles', () => {
  it('compresses a file once and keeps it, until the file changes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tongban-ui-kept-'));
    try {
      const file = join(dir, 'app.js');
      writeFileSync(file, APP_JS);
      const files = new UiFiles(dir);
      const first = await files.respond('/app.js', 'br');
      const second = await files.respond('/app.js', 'br');
      expect(second!.body).toBe(first!.body);

      writeFileSync(file, VENDOR_JS);
      const rebuilt = await files.respond('/app.js', 'br');
      expect(brotliDecompressSync(rebuilt!.body).toString()).toBe(VENDOR_JS);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
