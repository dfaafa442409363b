// The window's peripherals: the signature pad's setting, and a signature taken on it.
import type { peripheralMethods } from '../../../shared/rpc/contract.ts';
import type { DomainHandlers, HandlerContext } from './context.ts';

export function peripheralHandlers({ signatures, blobs }: HandlerContext): DomainHandlers<typeof peripheralMethods> {
  return {
    'devices.signaturePad': () => signatures.status(),
    'devices.setSignaturePad': ({ url }, { session }) => signatures.configure(url, session.userId),
    'devices.captureSignature': async ({ prompt }, { session }) => {
      const signature = await signatures.capture(prompt, session.userId);
      // The signature was taken for this user, who may then put it on the case collected.
      blobs.addedFor(session.userId, signature.sha256);
      return signature;
    },
  };
}
