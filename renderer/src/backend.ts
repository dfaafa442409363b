// The renderer's only way to the backend: window.tongban. Electron's preload
// provides it; in browser mode this loader builds the same client over the
// backend's WebSocket, reconnecting whenever the backend restarts.
import { RpcClient, toApi, type TongbanApi } from '../../shared/rpc/client.ts';
import type { FrameChannel } from '../../shared/rpc/framing.ts';

declare global {
  interface Window {
    tongban?: TongbanApi;
  }
}

interface ConnectionInfo {
  url: string;
  token: string;
}

function socketChannel(socket: WebSocket): FrameChannel {
  return {
    send: (text) => socket.send(text),
    onMessage: (listener) =>
      socket.addEventListener('message', (e) => listener(typeof e.data === 'string' ? e.data : '')),
    onClose: (listener) => socket.addEventListener('close', () => listener()),
    close: () => socket.close(),
  };
}

function openSocket(info: ConnectionInfo): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(`${info.url}?token=${encodeURIComponent(info.token)}`);
    socket.addEventListener('open', () => resolve(socket), { once: true });
    socket.addEventListener('error', () => reject(new Error('websocket')), { once: true });
  });
}

function browserModeApi(): TongbanApi {
  const client = new RpcClient();
  let delay = 200;
  const connect = async (): Promise<void> => {
    try {
      const response = await fetch('/__tongban/connection', { cache: 'no-store' });
      const socket = await openSocket((await response.json()) as ConnectionInfo);
      delay = 200;
      socket.addEventListener('close', () => setTimeout(() => void connect(), delay));
      client.attach(socketChannel(socket));
    } catch {
      delay = Math.min(delay * 2, 3000);
      setTimeout(() => void connect(), delay);
    }
  };
  void connect();
  // The browser's own dialog prints or saves a PDF ("Save as PDF" as the printer). It never tells whether
  // the person printed or cancelled: the print is only known to have been requested.
  return toApi(client, async () => {
    window.print();
    return { ok: true, outcome: 'requested' };
  });
}

window.tongban ??= browserModeApi();
export const api: TongbanApi = window.tongban;
