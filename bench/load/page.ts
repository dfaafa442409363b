// What runs inside the page. The benchmarks compile without the DOM's types,
// so the little of the page these functions touch is typed here; they are
// passed as functions, not text (the app's CSP forbids eval), each on its own:
// Playwright sends a function's source, without what it closes over.

interface Timed {
  name: string;
  initiatorType?: string;
  responseEnd: number;
  domContentLoadedEventEnd?: number;
}

interface PageGlobals {
  document: {
    querySelector(selector: string): { disabled?: boolean; getClientRects(): { length: number } } | null;
    activeElement: unknown;
  };
  performance: { now(): number; timeOrigin: number; getEntriesByType(type: string): Timed[] };
  tongban?: {
    connectionState(): string;
    request(method: string, input: unknown): Promise<{ ok: boolean; error?: { code: string } }>;
  };
}

/** The field's time since navigation start once it is shown, enabled and focused; false before. */
export function signInReady(selector: string): number | false {
  const { document, performance } = globalThis as unknown as PageGlobals;
  const field = document.querySelector(selector);
  const usable = field && document.activeElement === field && !field.disabled && field.getClientRects().length > 0;
  return usable ? performance.now() : false;
}

export interface PageTimings {
  document_ms: number;
  scripts_fetched_ms: number;
  dom_content_loaded_ms: number;
  connection_info_ms: number | null;
  time_origin: number;
}

export function pageTimings(): PageTimings {
  const { performance } = globalThis as unknown as PageGlobals;
  const nav = performance.getEntriesByType('navigation')[0]!;
  const resources = performance.getEntriesByType('resource');
  const scripts = resources.filter((r) => /\.(m?js|css)$/.test(r.name));
  const connection = resources.find((r) => r.name.endsWith('/__tongban/connection'));
  return {
    document_ms: nav.responseEnd,
    scripts_fetched_ms: Math.max(0, ...scripts.map((r) => r.responseEnd)),
    dom_content_loaded_ms: nav.domContentLoadedEventEnd ?? 0,
    connection_info_ms: connection ? connection.responseEnd : null,
    time_origin: performance.timeOrigin,
  };
}

export function connected(): boolean {
  return (globalThis as unknown as PageGlobals).tongban?.connectionState() === 'connected';
}

export function rpc(call: { method: string; input: unknown }): Promise<{ ok: boolean; error?: { code: string } }> {
  return (globalThis as unknown as PageGlobals).tongban!.request(call.method, call.input);
}
