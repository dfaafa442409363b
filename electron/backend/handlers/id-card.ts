// The counter's ID-card reader: its setting, and a card read for the clerk's applicant step.
import type { idCardMethods } from '../../../shared/rpc/contract.ts';
import type { DomainHandlers, HandlerContext } from './context.ts';

export function idCardHandlers({ idCards }: HandlerContext): DomainHandlers<typeof idCardMethods> {
  return {
    'devices.idCardReader': () => idCards.status(),
    'devices.setIdCardReader': ({ reader, photoDecoder }, { session }) =>
      idCards.configure(reader, photoDecoder, session.userId),
    'devices.readIdCard': (_input, { session }) => idCards.read(session.userId),
  };
}
