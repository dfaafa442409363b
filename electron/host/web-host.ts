// Browser mode (`npm run start:web`): serves the built UI on 127.0.0.1, runs
// the backend as a child process serving the RPC over a WebSocket with a
// per-run token, and restarts it if it exits — the same app as in Electron,
// in a browser. Never part of a packaged build.
import { fork, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { ListeningMessage } from './start.ts';
import { BackendSupervisor, type ChildHandle } from './supervisor.ts';
import { CACHE_NONE, contentSecurityPolicy } from './ui-files.ts';
import { sendUiFile, UiFiles } from './ui-responses.ts';
import { RPC_PATH } from '../backend/rpc/websocket-server.ts';

const here = dirname(fileURLToPath(import.meta.url));

/** Where browser mode keeps its data unless told otherwise. */
function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  if (env.TONGBAN_DATA_DIR) return env.TONGBAN_DATA_DIR;
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'tongban-desk');
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'tongban-desk');
  return join(env.XDG_DATA_HOME ?? join(homedir(), '.local', 'share'), 'tongban-desk');
}

function openBrowser(url: string): void {
  const [command, args] =
    process.platform === 'win32'
      ? ['cmd', ['/c', 'start', '""', url]]
      : process.platform === 'darwin'
        ? ['open', [url]]
        : ['xdg-open', [url]];
  const child = spawn(command, args, { stdio: 'ignore', detached: true });
  child.on('error', () => process.stdout.write(`Could not open a browser; open ${url} yourself.\n`));
  child.unref();
}

interface BackendChild extends ChildHandle {
  process: ChildProcess;
}

function main(): void {
  const { values } = parseArgs({
    options: {
      'no-open': { type: 'boolean', default: false },
      port: { type: 'string', default: '0' },
      'data-dir': { type: 'string' },
    },
  });
  const dataDir = resolve(values['data-dir'] ?? defaultDataDir());
  const uiFiles = new UiFiles(process.env.TONGBAN_UI_DIR ?? resolve(here, '../renderer'));
  const backendEntry = resolve(here, 'backend.js');
  const appVersion = (JSON.parse(readFileSync(resolve(here, '../../package.json'), 'utf8')) as { version: string })
    .version;
  const token = randomBytes(32).toString('base64url');

  const http = createServer((req, res) => serve(req, res));
  let origin = '';
  let wsPort = 0;
  let backendReady: (() => void) | null = null;

  const supervisor = new BackendSupervisor<BackendChild>({
    spawn() {
      const child = fork(backendEntry, [], {
        env: {
          ...process.env,
          TONGBAN_DATA_DIR: dataDir,
          TONGBAN_APP_VERSION: appVersion,
          TONGBAN_WS_TOKEN: token,
          // The first run picks a free port; restarts reuse it so the page can reconnect.
          TONGBAN_WS_PORT: String(wsPort),
          TONGBAN_ALLOWED_ORIGINS: `${origin},${origin.replace('127.0.0.1', 'localhost')}`,
        },
        stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      });
      child.on('message', (message: Partial<ListeningMessage>) => {
        if (message.type === 'listening' && typeof message.port === 'number') {
          wsPort = message.port;
          backendReady?.();
          backendReady = null;
        }
      });
      return {
        process: child,
        pid: child.pid,
        onExit: (listener) => child.on('exit', (code) => listener(code)),
        kill: () => child.kill('SIGTERM'),
      };
    },
    onState(state) {
      if (state.kind === 'restarting') {
        process.stdout.write(`The backend stopped (exit code ${state.code}); restarting in ${state.delayMs} ms.\n`);
      } else if (state.kind === 'failed') {
        process.stdout.write(
          `The backend cannot be started (${state.reason}, exit code ${state.code}); see the message above. ` +
            `The page stays open and says the backend is unavailable.\n`,
        );
      }
    },
  });

  function serve(req: IncomingMessage, res: ServerResponse): void {
    // Only our own origin: a page on another name that resolves here is refused.
    const host = req.headers.host ?? '';
    if (host !== new URL(origin).host && host !== `localhost:${new URL(origin).port}`) {
      res.writeHead(421).end();
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { Allow: 'GET, HEAD' }).end();
      return;
    }
    const url = new URL(req.url ?? '/', origin);
    const headers = {
      'Content-Security-Policy': contentSecurityPolicy([`ws://127.0.0.1:${wsPort}`]),
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': CACHE_NONE,
    };
    if (url.pathname === '/__tongban/connection') {
      const body = JSON.stringify({ url: `ws://127.0.0.1:${wsPort}${RPC_PATH}`, token });
      res.writeHead(200, { ...headers, 'Content-Type': 'application/json' }).end(body);
      return;
    }
    void sendUiFile(uiFiles, req, res, url.pathname, headers);
  }

  http.listen(Number(values.port), '127.0.0.1', () => {
    const port = (http.address() as AddressInfo).port;
    origin = `http://127.0.0.1:${port}`;
    new Promise<void>((resolveReady) => {
      backendReady = resolveReady;
      supervisor.start();
    }).then(() => {
      const url = `${origin}/`;
      process.stdout.write(
        `Tongban Desk is running in browser mode at ${url}\nData folder: ${dataDir}\nPress Ctrl+C to stop.\n`,
      );
      if (!values['no-open']) openBrowser(url);
    });
  });

  const stop = (): void => {
    supervisor.stop();
    http.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main();
