// The exchange server's wiring: the partner region's system, which takes cases
// from intake windows of other regions, serves them to its own acceptance desks
// and relays their decisions back. A Fastify app serving exactly the routes of
// the route table (routes.ts), each with its handler (routes/), signed routes
// behind request authentication (http/authenticate.ts). Bodies arrive as raw
// bytes, so a signature is checked against what was sent and JSON is parsed
// only after it.
import { randomUUID } from 'node:crypto';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { BlobFiles } from './blob-files.ts';
import { GroupCommit } from './group-commit.ts';
import { RequestAuthentication } from './http/authenticate.ts';
import { answerErrors } from './http/errors.ts';
import { OneLinePerRequest } from './http/logging.ts';
import { valid } from './http/request.ts';
import { AppendSignal } from './long-poll.ts';
import { TokenBuckets, type RateLimit } from './rate-limit.ts';
import { blobRoutes } from './routes/blobs.ts';
import { catalogRoutes } from './routes/catalog.ts';
import type { Handlers, RouteContext } from './routes/context.ts';
import { enrollmentRoutes } from './routes/enrollment.ts';
import { eventRoutes } from './routes/events.ts';
import { openApiRoutes } from './routes/openapi.ts';
import { recoveryRoutes } from './routes/recovery.ts';
import { JSON_BODY_LIMIT, ROUTES, type OperationId, type RouteSpec } from './routes.ts';
import type { ServerStore } from './storage/contract.ts';

export interface ServerOptions {
  store: ServerStore;
  dataDir: string;
  /** The server's own region. */
  region: string;
  logger?: FastifyServerOptions['logger'];
  rateLimit?: RateLimit;
}

/** Generous for a window's bursts (a backlog of scans after an outage), low enough to stop a runaway loop. */
export const DEFAULT_RATE_LIMIT: RateLimit = { capacity: 600, perSecond: 300 };

export async function buildServer(options: ServerOptions): Promise<FastifyInstance> {
  const { store, region } = options;
  const buckets = new TokenBuckets(options.rateLimit ?? DEFAULT_RATE_LIMIT);
  const authentication = new RequestAuthentication(store, buckets);
  const context: RouteContext = {
    store,
    region,
    files: new BlobFiles(options.dataDir),
    appended: new AppendSignal(),
    commits: new GroupCommit(store, region),
    buckets,
    authentication,
  };

  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: JSON_BODY_LIMIT,
    // HEAD /v1/blobs/:sha256 is its own route, not GET's shadow.
    exposeHeadRoutes: false,
    genReqId: () => randomUUID(),
    logController: new OneLinePerRequest(),
  });
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));

  const handlers: Handlers<OperationId> = {
    ...enrollmentRoutes(context),
    ...eventRoutes(context),
    ...blobRoutes(context),
    ...catalogRoutes(context),
    ...openApiRoutes(),
    ...recoveryRoutes(context),
  };

  for (const route of ROUTES as readonly RouteSpec[]) {
    const handler = handlers[route.operationId as OperationId];
    app.route({
      method: route.method,
      url: route.path,
      bodyLimit: route.bodyLimit ?? JSON_BODY_LIMIT,
      ...(route.signed ? { onRequest: authentication.authenticate, preHandler: authentication.verifySignature } : {}),
      handler: async (request, reply) => {
        const signed = route.signed ? authentication.signedOf(request) : null;
        if (route.params) request.params = valid(route.params, request.params, 'path');
        return handler(request, reply, signed);
      },
    });
  }

  answerErrors(app);
  app.addHook('preClose', async () => context.appended.close());
  return app;
}
