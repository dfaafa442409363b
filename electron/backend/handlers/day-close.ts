// 日结: the day's preview, the supervisor's signature on it, the days closed so far,
// and those days against the copies the exchange servers keep.
import type { dayCloseMethods } from '../../../shared/rpc/contract.ts';
import type { DomainHandlers, HandlerContext } from './context.ts';

export function dayCloseHandlers({ dayCloses, anchors, sync }: HandlerContext): DomainHandlers<typeof dayCloseMethods> {
  return {
    'supervision.closePreview': ({ day }) => dayCloses.preview(day),
    'supervision.closeDay': ({ day, comments }, { session }) => {
      const closed = dayCloses.close(day, comments, session.userId);
      // The close goes to the servers as an anchor at once, not at the next change.
      sync.kick();
      return closed;
    },
    'supervision.closedDays': ({ limit }) => dayCloses.list(limit),
    'supervision.anchorCheck': ({ limit }) => anchors.check(limit),
  };
}
