// Reading what a request carries. Bodies arrive as raw bytes (the signature
// is over them), so JSON is parsed here, after the signature was checked.
// A refusal names where the request is wrong, never what it held.
import type { z } from 'zod';
import { HttpError } from './errors.ts';

/** Notes a NUL character in any key or string it is handed, as a JSON.parse reviver sees them. */
function nulFinder(): { found: boolean; reviver: (key: string, value: unknown) => unknown } {
  const finder = {
    found: false,
    reviver: (key: string, value: unknown) => {
      if (key.includes('\0') || (typeof value === 'string' && value.includes('\0'))) finder.found = true;
      return value;
    },
  };
  return finder;
}

export function parseJson(body: unknown): unknown {
  if (!Buffer.isBuffer(body)) throw new HttpError(400, 'invalid_request', 'A JSON body is required.');
  const text = body.toString('utf8');
  // JSON text cannot hold U+0000 raw, only as the escape \u0000: a text without that escape needs no look
  // at every key and value (a reviver costs as much as the parse), one with it is looked at whole.
  const nul = text.includes('\\u0000') ? nulFinder() : null;
  let parsed: unknown;
  try {
    parsed = nul ? JSON.parse(text, nul.reviver) : JSON.parse(text);
  } catch {
    // Not the parser's message: it quotes the body.
    throw new HttpError(400, 'invalid_request', 'The body is not JSON.');
  }
  // PostgreSQL's text and jsonb cannot hold U+0000, and no field of ours has a use for it: refuse it
  // here, for both stores alike, rather than fail at the insert.
  if (nul?.found) throw new HttpError(400, 'invalid_request', 'The body holds a NUL character.');
  return parsed;
}

export function valid<S extends z.ZodType>(schema: S, value: unknown, what: string): z.output<S> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const where = parsed.error.issues.map((issue) => issue.path.join('.') || '(root)').join(', ');
    throw new HttpError(400, 'invalid_request', `Invalid ${what}: ${where}`.slice(0, 300));
  }
  return parsed.data;
}

/** The raw body, or no bytes when there was none (a GET, a HEAD). */
export function rawBody(body: unknown): Buffer {
  return Buffer.isBuffer(body) ? body : Buffer.alloc(0);
}
