// The UI is served from app://tongban/, not file://: a custom origin the CSP
// can pin, with GET only and every path kept inside the built renderer folder.
import { readFile } from 'node:fs/promises';
import { cacheControl, contentSecurityPolicy, contentType, resolveUiFile } from '../host/ui-files.ts';

export const APP_SCHEME = 'app';
export const APP_HOST = 'tongban';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

/** Answers one app:// request; pure apart from reading the file. */
export async function handleAppRequest(request: { method: string; url: string }, uiRoot: string): Promise<Response> {
  if (request.method !== 'GET') return new Response(null, { status: 405 });
  const url = new URL(request.url);
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return new Response(null, { status: 404 });
  const file = resolveUiFile(uiRoot, url.pathname);
  if (!file) return new Response(null, { status: 404 });
  try {
    const body = await readFile(file);
    return new Response(body, {
      headers: {
        'Content-Type': contentType(file),
        // Served uncompressed from the local disk; the same cache rule as browser mode.
        'Cache-Control': cacheControl(uiRoot, file),
        'Content-Security-Policy': contentSecurityPolicy(),
        'X-Content-Type-Options': 'nosniff',
      },
    });
  } catch {
    return new Response(null, { status: 404 });
  }
}

/** Only our own pages may be navigated to inside a window. */
export function isAppUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST;
  } catch {
    return false;
  }
}
