// GET /v1/status and GET /status: "where is my case?" for the applicant, open
// to anyone with the receipt's case number and short code (status-lookup.ts);
// the page as HTML (status-html.ts). Nothing personal is answered, the answer
// is not cached, and the page's address (which holds the code) is not passed on.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { statusPageQuery, statusQuery } from '../../shared/sync/status-page.ts';
import { HttpError } from '../http/errors.ts';
import { valid } from '../http/request.ts';
import { throttle } from '../http/throttle.ts';
import type { TokenBuckets } from '../rate-limit.ts';
import { languageOf, statusPageHtml } from '../status-html.ts';
import { lookUpStatus } from '../status-lookup.ts';
import type { Handlers, RouteContext } from './context.ts';

function privately(reply: FastifyReply): void {
  void reply.headers({ 'cache-control': 'no-store', 'referrer-policy': 'no-referrer' });
}

export function statusRoutes(
  { store, buckets }: RouteContext,
  wrongCodes: TokenBuckets,
): Handlers<'caseStatus' | 'statusPage'> {
  return {
    async caseStatus(request: FastifyRequest, reply: FastifyReply) {
      throttle(buckets, `address:${request.ip}`);
      privately(reply);
      const query = valid(statusQuery, request.query, 'query');
      const lookup = await lookUpStatus(store, wrongCodes, request.ip, query.case, query.code);
      if (lookup.kind === 'found') return lookup.answer;
      if (lookup.kind === 'rate_limited') {
        throw new HttpError(429, 'rate_limited', 'Too many wrong codes; try again later.', {
          'retry-after': String(lookup.retryAfter),
        });
      }
      throw new HttpError(404, 'not_found', 'No case has this number and code.');
    },
    async statusPage(request: FastifyRequest, reply: FastifyReply) {
      throttle(buckets, `address:${request.ip}`);
      privately(reply);
      const parsed = statusPageQuery.safeParse(request.query);
      const query = parsed.success ? parsed.data : {};
      const language = query.lang ?? languageOf(request.headers['accept-language']);
      const typed = { caseNo: query.case ?? '', code: query.code ?? '' };
      const lookup = typed.caseNo ? await lookUpStatus(store, wrongCodes, request.ip, typed.caseNo, typed.code) : null;
      if (lookup?.kind === 'rate_limited') void reply.header('retry-after', String(lookup.retryAfter));
      const status = lookup?.kind === 'not_found' ? 404 : lookup?.kind === 'rate_limited' ? 429 : 200;
      void reply
        .code(status)
        .type('text/html; charset=utf-8')
        .header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'");
      return statusPageHtml(language, typed, lookup);
    },
  };
}
