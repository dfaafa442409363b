// The applicant's screen: the clerk's side acts on its own session's pairing;
// the applicant's side is public and answers only to the pairing token its
// code was redeemed for (sent as the call's session), for that one intake.
import type { applicantScreenMethods } from '../../../shared/rpc/contract.ts';
import type { DomainHandlers, HandlerContext } from './context.ts';

export function applicantScreenHandlers(context: HandlerContext): DomainHandlers<typeof applicantScreenMethods> {
  const { applicantScreen: screen } = context;
  const { pairings } = screen;
  return {
    'applicantScreen.open': ({ draftId }, { session }) => pairings.stateOf(screen.open(draftId, session)),
    'applicantScreen.state': ({ pairingId }, { session }) =>
      pairings.stateOf(pairings.ofClerk(pairingId, session.tokenHash)),
    'applicantScreen.show': ({ pairingId, content }, { session }) => {
      screen.show(pairings.ofClerk(pairingId, session.tokenHash), content);
      return { ok: true };
    },
    'applicantScreen.takeSignature': ({ pairingId }, { session }) => ({
      png: screen.takeSignature(pairings.ofClerk(pairingId, session.tokenHash)),
    }),
    'applicantScreen.close': ({ pairingId }, { session }) => {
      pairings.close(pairings.ofClerk(pairingId, session.tokenHash), 'ended');
      return { ok: true };
    },

    'applicantScreen.redeem': ({ code }) => ({ token: pairings.redeem(code) }),
    'applicantScreen.view': (_input, { token }) => screen.view(token),
    'applicantScreen.acknowledge': (_input, { token }) => screen.acknowledge(token),
    'applicantScreen.sign': ({ png }, { token }) => screen.sign(token, png),
    'applicantScreen.flag': ({ field }, { token }) => screen.flag(token, field),
    'applicantScreen.rate': (input, { token }) => screen.rate(token, input),
  };
}
