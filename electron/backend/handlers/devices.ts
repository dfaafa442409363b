// The window's peripherals: the signature pad's setting, and a signature taken on it.
import type { peripheralMethods } from '../../../shared/rpc/contract.ts';
import type { DomainHandlers, HandlerContext } from './context.ts';

export function peripheralHandlers({ signatures }: HandlerContext): DomainHandlers<typeof peripheralMethods> {
  return {
    'devices.signaturePad': () => signatures.status(),
    'devices.setSignaturePad': ({ url }, { session }) => signatures.configure(url, session.userId),
    'devices.captureSignature': ({ prompt }, { session }) => signatures.capture(prompt, session.userId),
  };
}
