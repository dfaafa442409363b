// The privacy notice's settings, read by every window and set by the administrator.
import type { privacyMethods } from '../../../shared/rpc/methods/privacy.ts';
import type { DomainHandlers, HandlerContext } from './context.ts';

export function privacyHandlers({ privacy, transaction }: HandlerContext): DomainHandlers<typeof privacyMethods> {
  return {
    'privacy.settings': () => privacy.read(),
    'privacy.setSettings': (input) => transaction(() => privacy.save(input)),
  };
}
