// 差评整改: the rectification items of bad ratings, and their steps, each in one transaction.
import type { rectificationMethods } from '../../../shared/rpc/contract.ts';
import type { DomainHandlers, HandlerContext } from './context.ts';

export function rectificationHandlers({
  rectifications,
  transaction,
}: HandlerContext): DomainHandlers<typeof rectificationMethods> {
  return {
    'rectifications.list': (filter) => rectifications.list(filter),
    'rectifications.assign': (input, { session }) => transaction(() => rectifications.assign(session.userId, input)),
    'rectifications.answer': (input, { session }) => transaction(() => rectifications.answer(session.userId, input)),
    'rectifications.contact': (input, { session }) => transaction(() => rectifications.contact(session.userId, input)),
    'rectifications.close': (input, { session }) => transaction(() => rectifications.close(session.userId, input)),
  };
}
