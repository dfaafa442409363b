// What runs inside the page (added as an init script, so it must stand alone):
// it notes when each keystroke's first input event happened, watches the
// WebSocket for the case list's requests and their answers, and, frame by
// frame, finds the first frame whose rows are the answer to the query that
// keystroke made — not an older query's rows that happen to be on screen.

/** One keystroke, in ms after its input event's timestamp. */
export interface KeystrokeTiming {
  /** The cases.list request for the query was sent (the UI's own work before asking). */
  requestMs: number;
  /** Its answer reached the page (request to answer: the backend and the two WebSocket hops). */
  answerMs: number;
  /** The table's DOM last changed before the answer was shown. */
  domMs: number | null;
  /** The first frame showing the answer: keystroke to list. */
  paintMs: number;
  rows: number;
  total: number;
  /** Frames between keystroke and answer in which the list was empty although both the rows before and the answer were not. */
  emptyFrames: number;
}

export interface Probe {
  /** The next input event starts a keystroke. */
  arm(): void;
  /** Resolves once the list shows the answer to `query` ('' for none); null after timeoutMs. */
  waitFor(query: string, timeoutMs: number): Promise<KeystrokeTiming | null>;
}

/** The page's globals the probe uses (the benchmark is type-checked without the DOM's types). */
export interface PageGlobals {
  document: {
    querySelectorAll(selector: string): ArrayLike<{ getAttribute(name: string): string | null }>;
    addEventListener(type: string, listener: (e: { timeStamp: number }) => void, capture: boolean): void;
  };
  MutationObserver: new (callback: () => void) => {
    observe(target: unknown, options: { childList: boolean; subtree: boolean }): void;
  };
  requestAnimationFrame(callback: (now: number) => void): number;
  __uiProbe?: Probe;
}

export function installProbe(): void {
  const page = globalThis as unknown as PageGlobals;
  interface ListRequest {
    query: string;
    offset: number;
    sentAt: number;
    answeredAt?: number;
    caseIds?: string[];
    total?: number;
  }
  const requests = new Map<number, ListRequest>();
  const watched = new WeakSet<WebSocket>();
  const send = WebSocket.prototype.send;
  WebSocket.prototype.send = function (this: WebSocket, data: string | ArrayBufferLike | Blob | ArrayBufferView) {
    if (!watched.has(this)) {
      watched.add(this);
      // The event's timestamp: when the answer arrived, before any listener (the app's first) handled it.
      this.addEventListener('message', (e: MessageEvent) => {
        if (typeof e.data !== 'string') return;
        // Only the list's answers are parsed: the others' would add to the time measured.
        const request = requests.get(Number(/^\{"t":"res","id":(\d+)/.exec(e.data)?.[1]));
        if (!request) return;
        type Answer = { ok: boolean; result?: { rows: { caseId: string }[]; total: number } };
        const frame = JSON.parse(e.data) as Answer;
        request.answeredAt = e.timeStamp;
        request.caseIds = frame.ok ? frame.result!.rows.map((row) => row.caseId) : [];
        request.total = frame.ok ? frame.result!.total : -1;
      });
    }
    if (typeof data === 'string' && data.includes('"cases.list"')) {
      const frame = JSON.parse(data) as { id: number; method: string; params?: { query?: string; offset?: number } };
      if (frame.method === 'cases.list') {
        const { query = '', offset = 0 } = frame.params ?? {};
        requests.set(frame.id, { query, offset, sentAt: performance.now() });
      }
    }
    return send.call(this, data);
  };

  let armed = false;
  let start: number | null = null;
  const mark = (e: { timeStamp: number }): void => {
    if (armed && start === null) start = e.timeStamp;
  };
  // Characters a keyboard layout lacks (Chinese) arrive as input with no keydown.
  for (const type of ['keydown', 'beforeinput']) page.document.addEventListener(type, mark, true);

  const shownKeys = (): string[] =>
    Array.from(
      page.document.querySelectorAll('[data-testid="case-row"]'),
      (row) => row.getAttribute('data-row-key') ?? '',
    );

  let lastMutation = 0;
  new page.MutationObserver(() => (lastMutation = performance.now())).observe(page.document, {
    childList: true,
    subtree: true,
  });

  page.__uiProbe = {
    arm() {
      armed = true;
      start = null;
    },
    waitFor(query, timeoutMs) {
      const hadRows = shownKeys().length > 0;
      let emptyFrames = 0;
      return new Promise((resolve) => {
        const deadline = performance.now() + timeoutMs;
        const frame = (): void => {
          // Not the frame's start time: the callbacks of a frame may run after the answer arrived.
          const now = performance.now();
          const begun = start;
          // The newest first-page request for this query since the keystroke.
          const request =
            begun === null
              ? undefined
              : [...requests.values()].findLast((r) => r.query === query && r.offset === 0 && r.sentAt >= begun);
          const shown = shownKeys();
          if (request?.caseIds !== undefined && begun !== null) {
            const expected = request.caseIds;
            const matches =
              expected.length === 0
                ? shown.length === 0
                : shown.length > 0 && shown.every((key, i) => key === expected[i]);
            if (matches) {
              armed = false;
              resolve({
                requestMs: request.sentAt - begun,
                answerMs: request.answeredAt! - begun,
                domMs: lastMutation >= begun ? lastMutation - begun : null,
                paintMs: now - begun,
                rows: expected.length,
                total: request.total!,
                emptyFrames,
              });
              return;
            }
            if (shown.length === 0 && hadRows && expected.length > 0) emptyFrames++;
          } else if (shown.length === 0 && hadRows && begun !== null) {
            emptyFrames++;
          }
          if (now > deadline) resolve(null);
          else page.requestAnimationFrame(frame);
        };
        page.requestAnimationFrame(frame);
      });
    },
  };
}
