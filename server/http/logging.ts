// What the server logs: JSON lines with methods, paths, status codes, device
// ids and counts — never a body or a signature header, since events carry
// names and ID numbers.
import { LogController, type FastifyReply, type FastifyRequest, type FastifyServerOptions } from 'fastify';
import { SIGNATURE_HEADERS } from '../../shared/sync/protocol.ts';

/** The status page's code opens a case's status to whoever holds it: its value never reaches a log. */
export function loggedUrl(url: string): string {
  return url.replace(/([?&]code=)[^&#]*/gi, '$1…');
}

/** Pino options: a request is logged as method, path and device id — never headers or body. */
export function loggerOptions(level: string, stream?: { write(line: string): void }): FastifyServerOptions['logger'] {
  return {
    level,
    ...(stream ? { stream } : {}),
    serializers: {
      req: (request: FastifyRequest) => ({
        method: request.method,
        url: loggedUrl(request.url),
        // As claimed, before it is checked: cut short so nothing long can ride along.
        device: String(request.headers[SIGNATURE_HEADERS.device] ?? '').slice(0, 64) || undefined,
      }),
      res: (reply: { statusCode: number }) => ({ statusCode: reply.statusCode }),
    },
  };
}

/**
 * One log line per request, when it is answered — method, path, claimed
 * device, status, time — instead of Fastify's two (incoming, then completed):
 * at thousands of requests a second every line costs, and everything the
 * incoming line said is on the completed one.
 */
export class OneLinePerRequest extends LogController {
  override incomingRequest(): void {}

  override requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply): void {
    if (error)
      reply.log.error({ req: request, res: reply, err: error, responseTime: reply.elapsedTime }, 'request errored');
    else reply.log.info({ req: request, res: reply, responseTime: reply.elapsedTime }, 'request completed');
  }
}
