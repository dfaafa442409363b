// Serving the built UI, shared by Electron's app:// protocol and the
// browser-mode host: a request path maps to a file under the UI folder or to
// nothing — never outside it — and how long a browser may keep it.
import { basename, extname, isAbsolute, relative, resolve, sep } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
};

/**
 * The build writes every script, style and asset here under a name carrying its
 * content hash (`[name]-[hash].js`): a changed file gets a new name, so these
 * may be cached for good. The shell (index.html) and public files (favicon.svg)
 * keep their names and must be fetched again each time.
 */
export const HASHED_ASSETS_DIR = 'assets';
const HASHED_NAME = /-[A-Za-z0-9_-]{8}\.[a-z0-9]+$/;

export const CACHE_IMMUTABLE = 'public, max-age=31536000, immutable';
export const CACHE_NONE = 'no-store';

/** The Cache-Control for a file resolveUiFile returned under root. */
export function cacheControl(root: string, file: string): string {
  const rel = relative(resolve(root), file).split(sep);
  const hashed = rel.length === 2 && rel[0] === HASHED_ASSETS_DIR && HASHED_NAME.test(basename(file));
  return hashed ? CACHE_IMMUTABLE : CACHE_NONE;
}

export function contentType(file: string): string {
  return TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/** The file a URL path names under root, or null for anything that escapes it. */
export function resolveUiFile(root: string, pathname: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  const wanted = decoded === '/' || decoded === '' ? 'index.html' : decoded.replace(/^\/+/, '');
  const base = resolve(root);
  const file = resolve(base, wanted);
  const rel = relative(base, file);
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel) || rel.split(sep).includes('..')) return null;
  return file;
}

/**
 * antd writes its styles at run time, hence 'unsafe-inline' for styles only;
 * scripts come from the app's own files and nowhere else.
 */
export function contentSecurityPolicy(connectSrc: readonly string[] = []): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src ${["'self'", ...connectSrc].join(' ')}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}
