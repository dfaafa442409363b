// How main keeps windows linked to the backend: every time the backend
// (re)starts, each window gets a fresh MessagePort pair; while it is down,
// windows are told so at once. Electron objects come in through the
// arguments, so this is tested without Electron.
import { BackendSupervisor, type ChildHandle } from '../host/supervisor.ts';

export interface PortPair<P> {
  port1: P;
  port2: P;
}

export interface BackendProcess<P> extends ChildHandle {
  postMessage(message: unknown, transfer: P[]): void;
}

export interface LinkedWindow<P> {
  sendPort(port: P): void;
  sendBackendDown(): void;
}

export interface BackendLinkOptions<P, C extends BackendProcess<P>> {
  fork(): C;
  /** The first message each new backend gets, before any port (its master key). */
  hello(): unknown;
  windows(): Iterable<LinkedWindow<P>>;
  createChannel(): PortPair<P>;
  onFailure(reason: string): void;
}

export interface BackendLink {
  start(): void;
  stop(): void;
  /** Gives one window its own port to the running backend; false when none runs. */
  connect(window: LinkedWindow<unknown>): boolean;
  /** Tells the running backend something (e.g. the machine woke up); dropped when none runs. */
  notify(message: unknown): void;
}

export function createBackendLink<P, C extends BackendProcess<P>>(options: BackendLinkOptions<P, C>): BackendLink {
  const link = (window: LinkedWindow<P>, child: C): void => {
    const { port1, port2 } = options.createChannel();
    child.postMessage({ type: 'connect' }, [port1]);
    window.sendPort(port2);
  };
  const supervisor = new BackendSupervisor<C>({
    spawn: options.fork,
    onState(state, child) {
      if (state.kind === 'running' && child) {
        child.postMessage(options.hello(), []);
        for (const window of options.windows()) link(window, child);
      } else if (state.kind === 'restarting') {
        for (const window of options.windows()) window.sendBackendDown();
      } else if (state.kind === 'failed') {
        for (const window of options.windows()) window.sendBackendDown();
        options.onFailure(state.reason);
      }
    },
  });
  return {
    start: () => supervisor.start(),
    stop: () => supervisor.stop(),
    connect(window) {
      const child = supervisor.current;
      if (!child) return false;
      link(window as LinkedWindow<P>, child);
      return true;
    },
    notify(message) {
      supervisor.current?.postMessage(message, []);
    },
  };
}
