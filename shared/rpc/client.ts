// The one RPC client, used by the Electron preload (over a MessagePort) and by
// the browser-mode loader (over a WebSocket). A transport is attached whenever
// the backend (re)connects; calls made while none is attached wait for one.
import { RpcError, encodeFrame, parseJson, serverFrame, type FrameChannel, type RpcErrorShape } from './framing.ts';
import {
  SLOW_METHODS,
  type EventName,
  type EventPayload,
  type MethodInput,
  type MethodName,
  type MethodOutput,
  type PrintOutcome,
} from './contract.ts';

export type ConnectionState = 'connecting' | 'connected' | 'reconnecting';

export type RpcResult<T> = { ok: true; value: T } | { ok: false; error: RpcErrorShape };

/** Printing the page on screen (a receipt, a notice): Electron main does it, or the browser. */
export interface PrintRequest {
  target: 'printer' | 'pdf';
  /** The configured printer; the system default when absent. */
  deviceName?: string;
  /** Suggested file name when saving a PDF. */
  fileName: string;
  /** A landscape page (the ledger): a printer is told so, as it does not read the page's CSS. */
  landscape?: boolean;
}
/** A print done, as far as is known (see PrintOutcome), or not done: failed, or cancelled by the person. */
export type PrintResult =
  | {
      ok: true;
      outcome: PrintOutcome;
      /** Where a PDF was saved (Electron). */
      path?: string;
    }
  | { ok: false; error: string };

/**
 * What `window.tongban` is, in Electron and in browser mode alike. Results are
 * plain envelopes because custom Error fields do not survive the context bridge.
 */
export interface TongbanApi {
  request<M extends MethodName>(method: M, input: MethodInput<M>): Promise<RpcResult<MethodOutput<M>>>;
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
  connectionState(): ConnectionState;
  onConnectionChange(listener: (state: ConnectionState) => void): () => void;
  /** The session token sent with every call from now on (null after logout). */
  setSession(token: string | null): void;
  print(request: PrintRequest): Promise<PrintResult>;
  /** The desktop app only: the applicant's screen on the second display; opened false when there is none. */
  openApplicantScreen?(code: string): Promise<{ opened: boolean }>;
}

interface Pending {
  resolve: (result: RpcResult<unknown>) => void;
  timer: ReturnType<typeof setTimeout>;
}

export interface RpcClientOptions {
  /** How long a call may wait for a connection and an answer. */
  callTimeoutMs?: number;
}

export class RpcClient implements Omit<TongbanApi, 'print'> {
  private channel: FrameChannel | null = null;
  private state: ConnectionState = 'connecting';
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private readonly waiting = new Set<() => void>();
  private readonly eventListeners = new Map<string, Set<(payload: never) => void>>();
  private readonly stateListeners = new Set<(state: ConnectionState) => void>();
  private readonly callTimeoutMs: number;
  private session: string | null = null;

  constructor(options: RpcClientOptions = {}) {
    this.callTimeoutMs = options.callTimeoutMs ?? 15_000;
  }

  attach(channel: FrameChannel): void {
    this.detach();
    this.channel = channel;
    channel.onMessage((text) => this.receive(text));
    channel.onClose(() => {
      if (this.channel === channel) this.detach();
    });
    this.setState('connected');
    for (const wake of [...this.waiting]) wake();
  }

  /** The connection is gone: calls in flight cannot be known to have run. */
  detach(): void {
    if (!this.channel) return;
    const channel = this.channel;
    this.channel = null;
    channel.close();
    for (const [id, call] of this.pending) {
      clearTimeout(call.timer);
      this.pending.delete(id);
      call.resolve({
        ok: false,
        error: { code: 'BACKEND_UNAVAILABLE', message: 'The connection to the backend was lost during the call.' },
      });
    }
    this.setState('reconnecting');
  }

  connectionState(): ConnectionState {
    return this.state;
  }

  setSession(token: string | null): void {
    this.session = token;
  }

  onConnectionChange(listener: (state: ConnectionState) => void): () => void {
    this.stateListeners.add(listener);
    return () => this.stateListeners.delete(listener);
  }

  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
    let set = this.eventListeners.get(event);
    if (!set) this.eventListeners.set(event, (set = new Set()));
    set.add(listener as (payload: never) => void);
    return () => set.delete(listener as (payload: never) => void);
  }

  request<M extends MethodName>(method: M, input: MethodInput<M>): Promise<RpcResult<MethodOutput<M>>> {
    return this.requestRaw(method, input) as Promise<RpcResult<MethodOutput<M>>>;
  }

  /** Untyped form, for tests that must send what the contract forbids. */
  requestRaw(method: string, params: unknown): Promise<RpcResult<unknown>> {
    return new Promise((resolve) => {
      const deadline = setTimeout(() => {
        this.waiting.delete(send);
        resolve({ ok: false, error: { code: 'BACKEND_UNAVAILABLE', message: 'The backend is not available.' } });
      }, this.callTimeoutMs);
      const send = (): void => {
        this.waiting.delete(send);
        clearTimeout(deadline);
        const channel = this.channel;
        if (!channel) return;
        const id = this.nextId++;
        const timer = setTimeout(
          () => {
            this.pending.delete(id);
            resolve({ ok: false, error: { code: 'TIMEOUT', message: `No answer to ${method} in time.` } });
          },
          SLOW_METHODS[method as MethodName] ?? this.callTimeoutMs,
        );
        this.pending.set(id, { resolve, timer });
        const session = this.session;
        channel.send(
          encodeFrame(session ? { t: 'req', id, method, params, session } : { t: 'req', id, method, params }),
        );
      };
      if (this.channel) send();
      else this.waiting.add(send);
    });
  }

  private receive(text: string): void {
    const frame = serverFrame.safeParse(parseJson(text));
    if (!frame.success) return;
    const data = frame.data;
    if (data.t === 'evt') {
      for (const listener of this.eventListeners.get(data.event) ?? []) listener(data.payload as never);
      return;
    }
    if (data.id === null) return;
    const call = this.pending.get(data.id);
    if (!call) return;
    this.pending.delete(data.id);
    clearTimeout(call.timer);
    call.resolve(data.ok ? { ok: true, value: data.result } : { ok: false, error: data.error });
  }

  private setState(state: ConnectionState): void {
    if (state === this.state) return;
    this.state = state;
    for (const listener of this.stateListeners) listener(state);
  }
}

/** Unwraps an envelope, throwing the typed error. */
export async function call<M extends MethodName>(
  api: Pick<TongbanApi, 'request'>,
  method: M,
  input: MethodInput<M>,
): Promise<MethodOutput<M>> {
  const result = await api.request(method, input);
  if (!result.ok) throw new RpcError(result.error);
  return result.value;
}

/** A plain object of functions: what the context bridge can copy. */
export function toApi(client: RpcClient, print: TongbanApi['print']): TongbanApi {
  return {
    print,
    request: (method, input) => client.request(method, input),
    on: (event, listener) => client.on(event, listener),
    connectionState: () => client.connectionState(),
    onConnectionChange: (listener) => client.onConnectionChange(listener),
    setSession: (token) => client.setSession(token),
  };
}
