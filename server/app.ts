// The exchange server's wiring: the partner region's system, which takes cases
// from intake windows of other regions, serves them to its own acceptance desks
// and relays their decisions back. A Fastify app serving exactly the routes of
// the route table (routes.ts), each with its handler (routes/), signed routes
// behind request authentication (http/authenticate.ts). Bodies arrive as raw
// bytes, so a signature is checked against what was sent and JSON is parsed
// only after it.
import { randomUUID } from 'node:crypto';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { loadDataKey, type Keyring } from './at-rest/data-key.ts';
import { sealStore } from './at-rest/sealed-store.ts';
import { FolderBackend } from './blob-store/folder.ts';
import { BlobStore } from './blob-store/sealed-blobs.ts';
import { GroupCommit } from './group-commit.ts';
import { RequestAuthentication } from './http/authenticate.ts';
import { endConnectionsOnClose } from './http/connections.ts';
import { signAnswers } from './http/answer-signature.ts';
import { answerErrors } from './http/errors.ts';
import { OneLinePerRequest } from './http/logging.ts';
import { valid } from './http/request.ts';
import { Lifecycle } from './lifecycle.ts';
import { AppendSignal } from './long-poll.ts';
import { TokenBuckets, type RateLimit } from './rate-limit.ts';
import { anchorRoutes } from './routes/anchors.ts';
import { serverSigningKey } from './server-key.ts';
import { blobRoutes } from './routes/blobs.ts';
import { catalogRoutes } from './routes/catalog.ts';
import { deviceKeyRoutes } from './routes/device-keys.ts';
import type { Handlers, RouteContext } from './routes/context.ts';
import { enrollmentRoutes } from './routes/enrollment.ts';
import { healthRoutes } from './routes/health.ts';
import { eventRoutes } from './routes/events.ts';
import { openApiRoutes } from './routes/openapi.ts';
import { recoveryRoutes } from './routes/recovery.ts';
import { statusRoutes } from './routes/status.ts';
import { wakeUpsFromOtherInstances } from './wake-ups.ts';
import { DEFAULT_STATUS_RATE_LIMIT } from './status-lookup.ts';
import { JSON_BODY_LIMIT, ROUTES, type OperationId, type RouteSpec } from './routes.ts';
import type { ServerStore } from './storage/contract.ts';
import type { ServerIdentity } from './tls.ts';

export interface ServerOptions {
  store: ServerStore;
  dataDir: string;
  /** The server's own region. */
  region: string;
  logger?: FastifyServerOptions['logger'];
  rateLimit?: RateLimit;
  /** Wrong codes on the public status page, per client address. */
  statusRateLimit?: RateLimit;
  /** The server data key that seals payloads and blobs at rest; read from the environment or data folder if not given. */
  dataKey?: Keyring;
  /** The server key and its certificate: the link's TLS, and the signature on every answer. */
  identity: ServerIdentity;
  /** Plain HTTP instead of TLS: development on loopback only (main.ts decides), answers still signed. */
  plainHttp?: boolean;
  /** Where scans are kept (blob-store/config.ts), checked already; the data folder's if not given. The caller closes it. */
  blobs?: BlobStore;
  /** Serving, then stopping (lifecycle.ts): whoever stops the server holds it; one of its own if not given. */
  lifecycle?: Lifecycle;
  /** Reverse proxies whose X-Forwarded-For names the client (http/client-address.ts). */
  trustProxy?: string[];
}

/** Generous for a window's bursts (a backlog of scans after an outage), low enough to stop a runaway loop. */
export const DEFAULT_RATE_LIMIT: RateLimit = { capacity: 600, perSecond: 300 };

export async function buildServer(options: ServerOptions): Promise<FastifyInstance> {
  const { region } = options;
  const dataKey = options.dataKey ?? (await loadDataKey(options.dataDir)).keyring;
  const store = sealStore(options.store, dataKey);
  const buckets = new TokenBuckets(options.rateLimit ?? DEFAULT_RATE_LIMIT);
  const authentication = new RequestAuthentication(store, buckets);
  const context: RouteContext = {
    store,
    region,
    blobs: options.blobs ?? new BlobStore(new FolderBackend(options.dataDir), dataKey),
    appended: new AppendSignal(),
    commits: new GroupCommit(store, region),
    buckets,
    authentication,
    serverKey: serverSigningKey(options.dataDir),
  };

  // Typed as the plain HTTP instance: routes and hooks do not depend on the transport.
  const app = Fastify({
    ...(options.plainHttp ? {} : { https: { cert: options.identity.certificatePem, key: options.identity.keyPem } }),
    logger: options.logger ?? false,
    bodyLimit: JSON_BODY_LIMIT,
    // HEAD /v1/blobs/:sha256 is its own route, not GET's shadow.
    exposeHeadRoutes: false,
    genReqId: () => randomUUID(),
    ...(options.trustProxy ? { trustProxy: options.trustProxy } : {}),
    logController: new OneLinePerRequest(),
  }) as unknown as FastifyInstance;
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));

  signAnswers(app, options.identity);
  const lifecycle = options.lifecycle ?? new Lifecycle();
  lifecycle.count(app.server);
  lifecycle.onStop(() => context.appended.closeAll());

  const handlers: Handlers<OperationId> = {
    ...enrollmentRoutes(context),
    ...eventRoutes(context),
    ...blobRoutes(context),
    ...catalogRoutes(context),
    ...anchorRoutes(context),
    ...deviceKeyRoutes(context),
    ...openApiRoutes(),
    ...recoveryRoutes(context),
    ...statusRoutes(context, new TokenBuckets(options.statusRateLimit ?? DEFAULT_STATUS_RATE_LIMIT)),
    ...healthRoutes({ store, blobs: () => context.blobs.backend.ready() }, lifecycle, app.log),
  };

  for (const route of ROUTES as readonly RouteSpec[]) {
    const handler = handlers[route.operationId as OperationId];
    const gate = route.servedWhileStopping ? [] : [lifecycle.refuseWhenStopping];
    app.route({
      method: route.method,
      url: route.path,
      bodyLimit: route.bodyLimit ?? JSON_BODY_LIMIT,
      onRequest: route.signed ? [...gate, authentication.authenticate] : gate,
      ...(route.signed ? { preHandler: authentication.verifySignature } : {}),
      handler: async (request, reply) => {
        const signed = route.signed ? authentication.signedOf(request) : null;
        if (route.params) request.params = valid(route.params, request.params, 'path');
        return handler(request, reply, signed);
      },
    });
  }

  answerErrors(app);
  const stopWakeUps = await options.store.watchAppends?.(wakeUpsFromOtherInstances(context.appended, app.log));
  if (stopWakeUps) app.addHook('onClose', async () => stopWakeUps());
  app.addHook('preClose', async () => context.appended.close());
  endConnectionsOnClose(app);
  return app;
}
