// Browser mode's answers for the built UI: compressed as the browser accepts
// (the build's copy, else one made on the first request and kept), cached for
// good when the name carries a content hash, never when it does not.
import { readFile, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { cacheControl, CACHE_NONE, contentType, resolveUiFile } from './ui-files.ts';
import { compress, compressible, ENCODINGS, negotiateEncoding, type Encoding } from './ui-encoding.ts';

export interface UiResponse {
  headers: Record<string, string | number>;
  body: Buffer;
}

interface Kept {
  /** The source file's size and time: a rebuilt file is read again. */
  version: string;
  body: Promise<Buffer>;
}

export class UiFiles {
  private readonly kept = new Map<string, Kept>();
  private readonly root: string;

  constructor(root: string) {
    this.root = root;
  }

  /** The file a URL path names, as the Accept-Encoding header allows; null when there is none. */
  async respond(pathname: string, acceptEncoding: string | undefined): Promise<UiResponse | null> {
    const file = resolveUiFile(this.root, pathname);
    const info = file ? await stat(file).catch(() => null) : null;
    if (!file || !info?.isFile()) return null;
    const version = `${info.size}:${info.mtimeMs}`;
    const headers: UiResponse['headers'] = {
      'Content-Type': contentType(file),
      'Cache-Control': cacheControl(this.root, file),
    };
    const encoding = compressible(file, info.size) ? negotiateEncoding(acceptEncoding) : null;
    if (compressible(file, info.size)) headers.Vary = 'Accept-Encoding';
    if (encoding) headers['Content-Encoding'] = encoding;
    const body = await this.body(file, version, encoding, info.mtimeMs);
    headers['Content-Length'] = body.length;
    return { headers, body };
  }

  private body(file: string, version: string, encoding: Encoding | null, mtimeMs: number): Promise<Buffer> {
    const key = `${encoding ?? 'identity'}:${file}`;
    const kept = this.kept.get(key);
    if (kept?.version === version) return kept.body;
    const body = encoding ? this.encoded(file, encoding, mtimeMs) : readFile(file);
    // A failed read is not kept: the next request tries again.
    body.catch(() => this.kept.delete(key));
    this.kept.set(key, { version, body });
    return body;
  }

  private async encoded(file: string, encoding: Encoding, mtimeMs: number): Promise<Buffer> {
    const copy = `${file}${ENCODINGS.find((e) => e.name === encoding)!.suffix}`;
    const built = await stat(copy).catch(() => null);
    // The build writes the copy after the file; an older copy belongs to an older file.
    if (built?.isFile() && built.mtimeMs >= mtimeMs) return readFile(copy);
    return compress(encoding, await readFile(file), 'serve');
  }
}

/** Answers a GET or HEAD for a UI file; `headers` (the CSP and such) go on every answer. */
export async function sendUiFile(
  files: UiFiles,
  req: IncomingMessage,
  res: ServerResponse,
  pathname: string,
  headers: Record<string, string>,
): Promise<void> {
  const found = await files.respond(pathname, req.headers['accept-encoding']).catch(() => null);
  if (!found) {
    res.writeHead(404, { ...headers, 'Cache-Control': CACHE_NONE }).end();
    return;
  }
  res.writeHead(200, { ...headers, ...found.headers });
  res.end(req.method === 'HEAD' ? undefined : found.body);
}
