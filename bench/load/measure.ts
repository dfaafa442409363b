// One load of the sign-in screen in a browser page: from navigation start to
// the user-name field shown, enabled and focused, with where the time went
// (Performance API in the page, the network as the DevTools protocol sees it).
import type { Page } from '@playwright/test';
import { pageTimings, signInReady } from './page.ts';

export const SIGN_IN_FIELD = '[data-testid="login-username"]';

export interface LoadSample {
  ready_ms: number;
  document_ms: number;
  /** The last script or style fetched (download, from cache when warm). */
  scripts_fetched_ms: number;
  /** The shell's module scripts fetched, parsed and run up to their first wait. */
  dom_content_loaded_ms: number;
  /** The host's answer saying where the backend listens. */
  connection_info_ms: number | null;
  /** The backend's WebSocket open (handshake answered). */
  backend_connected_ms: number | null;
  /** Bytes on the wire (compressed, with headers) and as decoded, for the page's HTTP requests. */
  transferred_bytes: number;
  decoded_bytes: number;
  requests: number;
  from_cache: number;
}

const round = (ms: number): number => Math.round(ms * 10) / 10;

export interface LoadHooks {
  /** Before navigating. */
  before?(page: Page): Promise<void>;
  /** Once the field is ready. */
  after?(page: Page): Promise<void>;
}

/** Loads url in page (a new one, or one that loaded it before: a reload in the same tab) and measures it. */
export async function loadOnce(page: Page, url: string, hooks: LoadHooks = {}): Promise<LoadSample> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  let transferred = 0;
  let decoded = 0;
  let requests = 0;
  const fromCache = new Set<string>();
  let documentStart: { timestamp: number; wallTime: number } | null = null;
  let handshake: number | null = null;
  cdp.on('Network.requestWillBeSent', (event) => {
    requests += 1;
    if (event.type === 'Document' && !documentStart) documentStart = event;
  });
  cdp.on('Network.responseReceived', (event) => {
    if (event.response.fromDiskCache || event.response.fromPrefetchCache) fromCache.add(event.requestId);
  });
  cdp.on('Network.requestServedFromCache', (event) => fromCache.add(event.requestId));
  cdp.on('Network.dataReceived', (event) => (decoded += event.dataLength));
  cdp.on('Network.loadingFinished', (event) => (transferred += event.encodedDataLength));
  cdp.on('Network.webSocketHandshakeResponseReceived', (event) => (handshake ??= event.timestamp));
  await hooks.before?.(page);
  await page.goto(url, { waitUntil: 'commit' });
  const ready = await page.waitForFunction(signInReady, SIGN_IN_FIELD, { polling: 'raf', timeout: 60_000 });
  const readyAt = (await ready.jsonValue()) as number;
  const timings = await page.evaluate(pageTimings);
  const timeOrigin = timings.time_origin;
  const start = documentStart as { timestamp: number; wallTime: number } | null;
  await hooks.after?.(page);
  await cdp.detach();
  // The protocol's clock is monotonic seconds; the page's counts from its time origin.
  const backend =
    start && handshake !== null ? (handshake - start.timestamp) * 1000 + (start.wallTime * 1000 - timeOrigin) : null;
  return {
    ready_ms: round(readyAt),
    document_ms: round(timings.document_ms),
    scripts_fetched_ms: round(timings.scripts_fetched_ms),
    dom_content_loaded_ms: round(timings.dom_content_loaded_ms),
    connection_info_ms: timings.connection_info_ms === null ? null : round(timings.connection_info_ms),
    backend_connected_ms: backend === null ? null : round(backend),
    transferred_bytes: transferred,
    decoded_bytes: decoded,
    requests,
    from_cache: fromCache.size,
  } satisfies LoadSample;
}
