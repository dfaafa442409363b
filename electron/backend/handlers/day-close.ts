// 日结: the day's preview, the supervisor's signature on it, the days closed so far.
import type { dayCloseMethods } from '../../../shared/rpc/contract.ts';
import type { DomainHandlers, HandlerContext } from './context.ts';

export function dayCloseHandlers({ dayCloses }: HandlerContext): DomainHandlers<typeof dayCloseMethods> {
  return {
    'supervision.closePreview': ({ day }) => dayCloses.preview(day),
    'supervision.closeDay': ({ day, comments }, { session }) => dayCloses.close(day, comments, session.userId),
    'supervision.closedDays': ({ limit }) => dayCloses.list(limit),
  };
}
