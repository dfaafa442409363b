// The exchange server as a real process (`node server/main.ts` on a fixed
// port, so a device's remote URL stays valid across restarts), for the fault
// schedules and the two-region walk: started, killed with -9, started again on
// the same data folder. It keeps only the tail of its log. It speaks HTTPS with
// the self-signed certificate it makes in its data folder on first start.
import { spawn, type ChildProcess } from 'node:child_process';
import { connect, createServer } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { identityFiles, identityFromFiles, type ServerIdentity } from '../../server/tls.ts';

const SERVER_ENTRY = fileURLToPath(new URL('../../server/main.ts', import.meta.url));
export const SERVER_REGION = '421127';
export const LOG_LINES = 80;

/** Keeps the last lines written to it. */
export class LogTail {
  private readonly lines: string[] = [];
  private partial = '';

  /** Returns the lines this text completed. */
  write(text: string): string[] {
    const parts = (this.partial + text).split('\n');
    this.partial = parts.pop()!;
    this.lines.push(...parts);
    this.lines.splice(0, Math.max(0, this.lines.length - LOG_LINES));
    return parts;
  }

  text(): string {
    return [...this.lines, this.partial].join('\n');
  }
}

/**
 * A port nothing listens on now, which the server takes and takes again after each kill. It is drawn
 * below the kernel's ephemeral range (32768 and up), so no outgoing connection — the device's, the
 * proxy's — can be given it while the server is down. The SQLite and the PostgreSQL runs of the
 * fault schedules run side by side, so each draws from its own half.
 */
export async function freePort(): Promise<number> {
  const [from, count] = process.env.TONGBAN_TEST_STORE === 'postgres' ? [26_000, 6_000] : [20_000, 6_000];
  for (let tries = 0; tries < 50; tries++) {
    const port = from + Math.floor(Math.random() * count);
    if (await listensOn(port)) return port;
  }
  throw new Error(`no free port between ${from} and ${from + count}`);
}

/** Whether a listener could take `port` now (it is let go at once). */
function listensOn(port: number): Promise<boolean> {
  const server = createServer();
  return new Promise((resolve) => {
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

export class ServerProcess {
  readonly dataDir: string;
  readonly port: number;
  /** Where its store is (DATABASE_URL), beside the inherited environment. */
  private readonly env: Record<string, string>;
  private child: ChildProcess | null = null;
  private readonly log = new LogTail();
  /** Log lines at level error or worse (pino's 50+): a 500 answer is one. */
  readonly errors: string[] = [];
  /** What the server said about pushed events, and requests it refused before reading them, from its log. */
  readonly answered = { accepted: 0, duplicate: 0, refused: 0, unauthorized: 0 };

  /** The region it serves. */
  readonly region: string;

  constructor(dataDir: string, port: number, env: Record<string, string>, region = SERVER_REGION) {
    this.dataDir = dataDir;
    this.port = port;
    this.env = env;
    this.region = region;
  }

  async start(): Promise<void> {
    const child = spawn(
      process.execPath,
      [SERVER_ENTRY, '--port', String(this.port), '--data-dir', this.dataDir, '--region', this.region],
      { env: { ...process.env, ...this.env, TONGBAN_SERVER_LOG: 'info' }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    this.child = child;
    for (const stream of [child.stdout!, child.stderr!]) {
      stream.setEncoding('utf8');
      stream.on('data', (text: string) => {
        for (const line of this.log.write(text)) this.read(line);
      });
    }
    const deadline = Date.now() + 20_000;
    while (!(await accepts(this.port))) {
      if (child.exitCode !== null) throw new Error(`the server exited (${child.exitCode}): ${this.log.text()}`);
      if (Date.now() > deadline) throw new Error(`the server did not listen: ${this.log.text()}`);
      await sleep(20);
    }
  }

  private read(line: string): void {
    if (/"level":(5|6)\d/.test(line)) this.errors.push(line);
    if (line.includes('"event":"auth_refused"')) this.answered.unauthorized += 1;
    if (!line.includes('"event":"push"')) return;
    const push = JSON.parse(line) as { accepted: number; duplicate: number; refused: Record<string, number> };
    this.answered.accepted += push.accepted;
    this.answered.duplicate += push.duplicate;
    this.answered.refused += Object.values(push.refused).reduce((sum, n) => sum + n, 0);
  }

  /** kill -9: no chance to close anything. */
  async kill(): Promise<void> {
    const child = this.child;
    if (!child) return;
    this.child = null;
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGKILL');
      await exited;
    }
  }

  logs(): string {
    return this.log.text();
  }

  /** Its server key and certificate, as it made them on first start (the same after every restart). */
  identity(): ServerIdentity {
    const files = identityFiles(this.dataDir);
    return identityFromFiles(files.cert, files.key);
  }

  get url(): string {
    return `https://127.0.0.1:${this.port}`;
  }
}
