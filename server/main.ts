// `npm run server` starts the exchange server; `npm run server -- <command>`
// runs an admin command on its data folder instead (cli.ts).
import { writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { FastifyBaseLogger } from 'fastify';
import { regionCodeSchema } from '../shared/catalog/index.ts';
import { buildServer } from './app.ts';
import { prepareAtRest, startDailyRetention } from './at-rest/start.ts';
import { blobStoreSettings, openBlobStore } from './blob-store/config.ts';
import { COMMANDS, runCommand } from './cli.ts';
import { formatFingerprint } from '../shared/sync/invitation.ts';
import { trustedProxies } from './http/client-address.ts';
import { loggerOptions } from './http/logging.ts';
import { Lifecycle } from './lifecycle.ts';
import { DEFAULT_PORT, OPENAPI_FILE, openApiText } from './openapi.ts';
import { shutDown, shutdownGraceMs } from './shutdown.ts';
import type { ServerStore } from './storage/contract.ts';
import { PostgresStore } from './storage/postgres.ts';
import { SqliteStore } from './storage/sqlite.ts';
import { plainHttpAllowed, resolveIdentity, type ResolvedIdentity } from './tls-config.ts';

const USAGE = `Usage:
  npm run server -- [--host 127.0.0.1] [--port 8440] [--data-dir ./server-data] [--region 421127] [--rate 300]
                    [--tls-cert server.crt --tls-key server.key]
  npm run server -- enrollment-code --kind intake|acceptance --region <6 digits> [--matters A,B] [--url https://…]
  npm run server -- devices [--json]
  npm run server -- revoke <deviceId>
  npm run server -- import-catalog <file.json>
  npm run server -- stats [--json]
  npm run server -- retention --dry-run|--apply [--json]
  npm run server -- rotate-data-key                 # with the server stopped
  npm run server -- openapi [--write]
Every command takes --data-dir (or TONGBAN_SERVER_DATA). --region is the server's own region when serving
(required on first start, remembered), and the device's region for enrollment-code.
With DATABASE_URL=postgres://user:password@host:5432/database the data is kept in PostgreSQL instead of
<data-dir>/server.db. Scans are kept in <data-dir>/blobs; TONGBAN_BLOB_STORE=postgresql keeps them in that
database, TONGBAN_BLOB_STORE=s3 in an S3-compatible bucket (TONGBAN_S3_BUCKET, TONGBAN_S3_ENDPOINT, …; see
server/README.md). Payloads and blobs are sealed with the data key: TONGBAN_DATA_KEY (base64), or the file
TONGBAN_DATA_KEY_FILE or <data-dir>/data-key (mode 0600, made on first start). TONGBAN_RETENTION_DAYS (default
90) sets when concluded, acknowledged cases are purged.
The server speaks HTTPS only. --tls-cert/--tls-key (or TONGBAN_TLS_CERT/TONGBAN_TLS_KEY) give a certificate
(PEM, chain after it) and its key; without them it makes a self-signed one in <data-dir>/tls/ on first start.
enrollment-code prints an invitation for the server at --url (or TONGBAN_SERVER_URL) with the key's fingerprint.
TONGBAN_ALLOW_PLAIN_HTTP=1 serves plain HTTP for development, on a loopback --host only.
On SIGTERM or SIGINT the server stops gracefully: /readyz answers 503 at once, requests under way finish within
TONGBAN_SHUTDOWN_GRACE seconds (default 25), then it exits (0; 1 when the grace period cut requests).
Behind a reverse proxy, TONGBAN_TRUST_PROXY=<addresses or CIDR ranges> takes the client from X-Forwarded-For.`;

function fail(message: string, code = 2): never {
  process.stderr.write(`${message}\n`);
  process.exit(code);
}

function parse() {
  try {
    return parseArgs({
      args: process.argv.slice(2),
      allowPositionals: true,
      options: {
        host: { type: 'string', default: '127.0.0.1' },
        port: { type: 'string', default: String(DEFAULT_PORT) },
        'data-dir': { type: 'string' },
        region: { type: 'string' },
        rate: { type: 'string' },
        kind: { type: 'string' },
        matters: { type: 'string' },
        json: { type: 'boolean' },
        url: { type: 'string' },
        'tls-cert': { type: 'string' },
        'tls-key': { type: 'string' },
        write: { type: 'boolean' },
        'dry-run': { type: 'boolean' },
        apply: { type: 'boolean' },
        help: { type: 'boolean' },
      },
    });
  } catch (error) {
    return fail(`${(error as Error).message}\n\n${USAGE}`);
  }
}

interface OpenedStore {
  store: ServerStore;
  kind: 'sqlite' | 'postgresql';
  /** Where the data is, fit for a log: the file, or the database's address without password or parameters. */
  location: string;
}

async function openStore(dataDir: string): Promise<OpenedStore> {
  const databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) {
    const file = join(dataDir, 'server.db');
    try {
      return { store: SqliteStore.open(file), kind: 'sqlite', location: file };
    } catch (error) {
      return fail(`Cannot use the SQLite database ${file}: ${(error as Error).message}`, 1);
    }
  }
  const url = URL.parse(databaseUrl);
  if (url?.protocol !== 'postgres:' && url?.protocol !== 'postgresql:') {
    fail('DATABASE_URL must be a PostgreSQL URL: postgres://user:password@host:5432/database.');
  }
  const location = `${url.protocol}//${url.username ? `${url.username}@` : ''}${url.host}${url.pathname}`;
  try {
    return { store: await PostgresStore.open(databaseUrl), kind: 'postgresql', location };
  } catch (error) {
    return fail(`Cannot use the PostgreSQL database ${location}: ${(error as Error).message}`, 1);
  }
}

function identityOf(dataDir: string, values: ReturnType<typeof parse>['values'], make = true): ResolvedIdentity {
  try {
    return resolveIdentity(dataDir, values, process.env, make);
  } catch (error) {
    return fail(`Cannot use the TLS certificate: ${(error as Error).message}`);
  }
}

async function serve(opened: OpenedStore, dataDir: string, values: ReturnType<typeof parse>['values']): Promise<void> {
  const { store } = opened;
  const plain = plainHttpAllowed(values.host);
  if (typeof plain === 'string') fail(plain);
  let region = await store.region();
  if (values.region !== undefined) {
    if (!regionCodeSchema.safeParse(values.region).success) fail('--region must be a 6-digit region code.');
    if (region && region !== values.region)
      fail(`This server's region is ${region}; it cannot become ${values.region}.`);
    if (!region) await store.setRegion(values.region);
    region = values.region;
  }
  if (!region) fail('The first start needs --region <6-digit region code>: the region this server serves.');
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) fail('--port must be a port number.');
  const rate = values.rate === undefined ? undefined : Number(values.rate);
  if (rate !== undefined && !(rate > 0)) fail('--rate must be a positive number of requests per second.');
  const graceMs = shutdownGraceMs(process.env.TONGBAN_SHUTDOWN_GRACE);
  if (graceMs === null) fail('TONGBAN_SHUTDOWN_GRACE must be a number of seconds (default 25).');
  const trustProxy = trustedProxies(process.env.TONGBAN_TRUST_PROXY);
  if (trustProxy === null) fail('TONGBAN_TRUST_PROXY must list addresses or CIDR ranges, comma-separated.');

  const atRest = await prepareAtRest(store, dataDir).catch((error: Error) => fail(error.message, 1));
  // A blob store that cannot serve stops the start here, not at the first upload.
  const blobs = await Promise.resolve()
    .then(() => openBlobStore(blobStoreSettings(), { dataDir, keyring: atRest.keyring, store }))
    .catch((error: Error) => fail(`Cannot use the blob store: ${error.message}`, 1));
  const { identity, source: certificate } = identityOf(dataDir, values);
  const lifecycle = new Lifecycle();
  const app = await buildServer({
    store,
    dataDir,
    dataKey: atRest.keyring,
    blobs,
    region,
    identity,
    plainHttp: plain,
    logger: loggerOptions(process.env.TONGBAN_SERVER_LOG ?? 'info'),
    rateLimit: rate ? { capacity: rate * 2, perSecond: rate } : undefined,
    lifecycle,
    trustProxy,
  });
  let stopping = false;
  let stopRetention = (): void => {};
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    stopRetention();
    void shutDown(app, lifecycle, store, graceMs, blobs).then(
      (clean) => process.exit(clean ? 0 : 1),
      (error: Error) => {
        app.log.error({ event: 'stop_failed', name: error.name }, 'stop failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  await app.listen({ host: values.host, port });
  const { source, created, sealed } = atRest;
  app.log.info(
    { event: 'data_key', source, created, sealed },
    created ? 'data key made: keep a copy apart' : 'data key read',
  );
  stopRetention = startDailyRetention(store, blobs, app.log);
  sayInstances(opened, app.log);
  app.log.info(
    {
      event: 'serving',
      region,
      dataDir,
      store: opened.kind,
      database: opened.location,
      blobs: blobs.backend.kind,
      blobStore: blobs.backend.location,
      transport: plain ? 'http (development, loopback only)' : 'https',
      certificate,
      fingerprint: formatFingerprint(identity.fingerprint),
    },
    'exchange server ready',
  );
  process.stderr.write(`Server key fingerprint (SHA-256): ${formatFingerprint(identity.fingerprint)}\n`);
}

/** Whether other instances may serve the same data: said at every start, on stderr and in the log. */
function sayInstances(opened: OpenedStore, log: FastifyBaseLogger): void {
  if (opened.store instanceof PostgresStore) {
    const { instance } = opened.store;
    log.info(
      { event: 'instances', store: opened.kind, instances: 'several', instance },
      'other instances may serve this database; they wake each other through LISTEN/NOTIFY',
    );
    return;
  }
  const message =
    'Single instance: the embedded SQLite store is for one server process; a second instance on the same data ' +
    'would be unsafe. Several instances need PostgreSQL (DATABASE_URL) and a shared blob store.';
  log.info({ event: 'instances', store: opened.kind, instances: 'one' }, message);
  process.stderr.write(`${message}\n`);
}

async function main(): Promise<void> {
  const { values, positionals } = parse();
  if (values.help) return void process.stdout.write(`${USAGE}\n`);
  const [command, ...args] = positionals;

  if (command === 'openapi') {
    if (!values.write) return void process.stdout.write(openApiText());
    // Written as the repository's formatter would leave it (a dev-time command: prettier is a dev dependency).
    const prettier = await import('prettier');
    const config = await prettier.resolveConfig(OPENAPI_FILE);
    await writeFile(OPENAPI_FILE, await prettier.format(openApiText(), { ...config, parser: 'json' }));
    return;
  }
  const known = COMMANDS.find((c) => c === command);
  if (command !== undefined && !known) fail(`Unknown command ${command}.\n\n${USAGE}`);

  const dataDir = resolve(values['data-dir'] ?? process.env.TONGBAN_SERVER_DATA ?? './server-data');
  const opened = await openStore(dataDir);
  if (!known) return serve(opened, dataDir, values);
  const { store } = opened;
  try {
    process.exitCode = await runCommand(
      known,
      args,
      { ...values, 'data-dir': dataDir, url: values.url ?? process.env.TONGBAN_SERVER_URL },
      store,
      {
        out: (line) => process.stdout.write(`${line}\n`),
        err: (line) => process.stderr.write(`${line}\n`),
      },
      () => identityOf(dataDir, values, false).identity,
    );
  } finally {
    await store.close();
  }
}

await main();
