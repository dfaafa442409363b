// The document camera chosen at this window.
import type { documentCameraMethods } from '../../../shared/rpc/contract.ts';
import type { DomainHandlers, HandlerContext } from './context.ts';

export function documentCameraHandlers({
  documentCamera,
}: HandlerContext): DomainHandlers<typeof documentCameraMethods> {
  return {
    'devices.documentCamera': () => ({ camera: documentCamera.get() }),
    'devices.setDocumentCamera': ({ camera }) => ({ camera: documentCamera.set(camera) }),
  };
}
