// How the server says no: a refusal a handler chose (HttpError: a status, a
// reason code the device acts on, a message for people), or whatever else was
// thrown, answered without its message — a message may quote what was sent.
import type { FastifyError, FastifyInstance } from 'fastify';

export class HttpError extends Error {
  readonly status: number;
  readonly code: string;
  readonly headers: Record<string, string>;
  constructor(status: number, code: string, message: string, headers: Record<string, string> = {}) {
    super(message);
    this.status = status;
    this.code = code;
    this.headers = headers;
  }
}

/** Every refusal and failure answers `{ error, message }`; an unknown route is `not_found`. */
export function answerErrors(app: FastifyInstance): void {
  app.setNotFoundHandler((_request, reply) => {
    void reply.code(404).send({ error: 'not_found', message: 'No such route.' });
  });

  app.setErrorHandler((error: FastifyError | HttpError, request, reply) => {
    if (error instanceof HttpError) {
      if (error.status === 401) request.log.info({ event: 'auth_refused', reason: error.code }, 'request refused');
      return reply.code(error.status).headers(error.headers).send({ error: error.code, message: error.message });
    }
    const status = error.statusCode ?? 500;
    if (status === 413) {
      return reply.code(413).send({ error: 'body_too_large', message: 'The body is larger than this route takes.' });
    }
    if (status >= 400 && status < 500) {
      return reply.code(status).send({ error: 'invalid_request', message: 'The request cannot be read.' });
    }
    // Name and code only: a message may quote what was sent.
    request.log.error({ event: 'internal_error', name: error.name, code: error.code }, 'request failed');
    return reply.code(500).send({ error: 'internal', message: 'The server failed; try again.' });
  });
}
