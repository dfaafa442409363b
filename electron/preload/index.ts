// Exposes one typed client as window.tongban — never ipcRenderer. The client
// speaks to the backend over a MessagePort that main hands over, again after
// every backend restart.
import { contextBridge, ipcRenderer } from 'electron';
import { RpcClient, toApi } from '../../shared/rpc/client.ts';
import type { FrameChannel } from '../../shared/rpc/framing.ts';
import {
  BACKEND_DOWN,
  OPEN_APPLICANT_SCREEN,
  PORT_DELIVERY,
  PORT_REQUEST,
  PRINT,
} from '../../shared/rpc/electron-channels.ts';

const client = new RpcClient();

function portChannel(port: MessagePort): FrameChannel {
  return {
    send: (text) => port.postMessage(text),
    onMessage: (listener) => {
      port.onmessage = (event: MessageEvent) => listener(typeof event.data === 'string' ? event.data : '');
    },
    // 'close' on a MessagePort is Electron's extension of the web API.
    onClose: (listener) => port.addEventListener('close', listener),
    close: () => port.close(),
  };
}

ipcRenderer.on(PORT_DELIVERY, (event) => {
  const port = event.ports[0];
  if (port) client.attach(portChannel(port));
});
ipcRenderer.on(BACKEND_DOWN, () => client.detach());
ipcRenderer.send(PORT_REQUEST);

contextBridge.exposeInMainWorld('tongban', {
  ...toApi(client, (request) => ipcRenderer.invoke(PRINT, request)),
  openApplicantScreen: (code: string) => ipcRenderer.invoke(OPEN_APPLICANT_SCREEN, code),
});
