// Electron main: windows, the app:// protocol, security defaults, and the
// backend in a utilityProcess, restarted when it exits. Each window gets its
// own MessagePort pair to the backend, again after every restart.
import { join } from 'node:path';
import {
  BrowserWindow,
  Menu,
  MessageChannelMain,
  app,
  dialog,
  ipcMain,
  powerMonitor,
  protocol,
  session,
  utilityProcess,
  type MessagePortMain,
} from 'electron';
import { createBackendLink, type BackendProcess, type LinkedWindow } from './backend-link.ts';
import { ACCEPT_WEAK_KEY_STORE_SWITCH } from './key-store-policy.ts';
import { loadMasterKey, type MasterKey } from './master-key.ts';
import { restoredKeyOf, sealRestoredKey } from './restored-key.ts';
import { APP_ORIGIN, APP_SCHEME, handleAppRequest, isAppUrl } from './app-protocol.ts';
import { permissionGranted } from './media-permission.ts';
import {
  BACKEND_DOWN,
  OPEN_APPLICANT_SCREEN,
  PORT_DELIVERY,
  PORT_REQUEST,
  PRINT,
} from '../../shared/rpc/electron-channels.ts';
import { openApplicantWindow } from './applicant-window.ts';
import { handlePrint } from './printing.ts';
import { applicationMenu, windowOptions } from './window-options.ts';

protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
]);

// An administrator (or a test) may place the data elsewhere.
const dataDir = (): string => process.env.TONGBAN_DATA_DIR ?? app.getPath('userData');
const uiRoot = join(import.meta.dirname, '../renderer');
const devServerUrl = app.isPackaged ? undefined : process.env.ELECTRON_RENDERER_URL;
const windowMode = { packaged: app.isPackaged, devTools: process.env.TONGBAN_DEVTOOLS === '1' };

let masterKey: MasterKey | null = null;

const backend = createBackendLink<MessagePortMain, UtilityChild>({
  fork() {
    const child = utilityProcess.fork(join(import.meta.dirname, 'backend.js'), [], {
      serviceName: 'Tongban Desk backend',
      env: {
        ...process.env,
        TONGBAN_DATA_DIR: dataDir(),
        TONGBAN_APP_VERSION: app.getVersion(),
      },
    });
    child.on('message', (message) => {
      const restored = restoredKeyOf(message);
      if (restored)
        void sealRestoredKey(dataDir(), restored).then(() => {
          // The key store stays what it was; only the key it holds is the restored one.
          if (masterKey) masterKey = { ...masterKey, key: restored };
        });
    });
    return {
      get pid() {
        return child.pid;
      },
      onExit: (listener) => child.on('exit', (code) => listener(code)),
      kill: () => void child.kill(),
      postMessage: (message, transfer) => child.postMessage(message, transfer),
    };
  },
  hello: () => ({ type: 'key', key: masterKey!.key.toString('base64'), keyStore: masterKey!.keyStore }),
  windows: () => BrowserWindow.getAllWindows().map(linkedWindow),
  createChannel: () => new MessageChannelMain(),
  onFailure() {
    dialog.showErrorBox(
      'Tongban Desk',
      'The backend cannot be started. Its log says why; a database from a newer version is never changed.',
    );
  },
});

type UtilityChild = BackendProcess<MessagePortMain>;

function linkedWindow(window: BrowserWindow): LinkedWindow<MessagePortMain> {
  return {
    sendPort: (port) => window.webContents.postMessage(PORT_DELIVERY, null, [port]),
    sendBackendDown: () => window.webContents.send(BACKEND_DOWN),
  };
}

function createWindow(): void {
  const window = new BrowserWindow(windowOptions(windowMode, join(import.meta.dirname, '../preload/index.cjs')));
  window.once('ready-to-show', () => window.show());
  window.webContents.on('will-navigate', (event, url) => {
    if (!isAppUrl(url) && !(devServerUrl && url.startsWith(devServerUrl))) event.preventDefault();
  });
  window.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
  void window.loadURL(devServerUrl ?? `${APP_ORIGIN}/index.html`);
}

app.enableSandbox();

void app.whenReady().then(async () => {
  Menu.setApplicationMenu(Menu.buildFromTemplate(applicationMenu(windowMode)));
  protocol.handle(APP_SCHEME, (request) => handleAppRequest(request, uiRoot));
  // The document camera, video only, for our own pages; every other request is refused.
  session.defaultSession.setPermissionRequestHandler((_contents, permission, callback, details) =>
    callback(permissionGranted(permission, details, devServerUrl)),
  );

  ipcMain.on(PORT_REQUEST, (event) => {
    // Only our own windows, showing our own pages, get a port.
    const window = BrowserWindow.fromWebContents(event.sender);
    const frameUrl = event.senderFrame?.url ?? '';
    const trusted = isAppUrl(frameUrl) || (devServerUrl !== undefined && frameUrl.startsWith(devServerUrl));
    if (window && trusted) backend.connect(linkedWindow(window));
  });

  ipcMain.handle(PRINT, handlePrint);
  ipcMain.handle(OPEN_APPLICANT_SCREEN, (event, code: unknown) => {
    const frameUrl = event.senderFrame?.url ?? '';
    const trusted = isAppUrl(frameUrl) || (devServerUrl !== undefined && frameUrl.startsWith(devServerUrl));
    if (!trusted) return { opened: false };
    const origin = (devServerUrl ?? APP_ORIGIN).replace(/\/$/, '');
    return openApplicantWindow(code, origin, windowMode, join(import.meta.dirname, '../preload/index.cjs'));
  });
  // After sleep the link may be back while the backend's timers were frozen: sync at once.
  powerMonitor.on('resume', () => backend.notify({ type: 'wake' }));
  masterKey = await loadMasterKey(dataDir(), {
    acceptRequested: app.commandLine.hasSwitch(ACCEPT_WEAK_KEY_STORE_SWITCH),
    systemLanguages: app.getPreferredSystemLanguages(),
  });
  // Refused (no keyring and no acceptance): the person has been told what to install.
  if (!masterKey) {
    app.exit(1);
    return;
  }
  backend.start();
  createWindow();
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createWindow();
  });
});

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});
app.on('will-quit', () => backend.stop());
