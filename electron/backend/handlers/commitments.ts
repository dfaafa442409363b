// 容缺待补: the intake window's to-do of deferred materials still owed.
import type { commitmentMethods } from '../../../shared/rpc/contract.ts';
import { localDay } from '../../../shared/local-time.ts';
import type { DomainHandlers, HandlerContext } from './context.ts';

export function commitmentHandlers({ commitments }: HandlerContext): DomainHandlers<typeof commitmentMethods> {
  return {
    'commitments.open': () => {
      const today = localDay(new Date());
      return { today, items: commitments.ofThisWindow(today) };
    },
  };
}
