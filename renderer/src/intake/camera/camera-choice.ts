// Which camera the panel opens. The choice is kept by the backend for the
// device (devices.setDocumentCamera), not in the page's storage: browser mode's
// address, and with it the page's storage and the ids the browser gives its
// cameras, changes from one start to the next. So a camera is found again by
// its id, else by its label, which names the model and stays the same.
import type { DocumentCamera } from '../../../../shared/rpc/contract.ts';

/** The part of a MediaDeviceInfo the choice reads. */
export interface MediaDeviceLike {
  kind: string;
  deviceId: string;
  label: string;
}

/** The video inputs in the browser's order. Before access is granted their labels (and perhaps ids) are empty. */
export function videoInputs(devices: readonly MediaDeviceLike[]): DocumentCamera[] {
  return devices.filter((d) => d.kind === 'videoinput').map((d) => ({ deviceId: d.deviceId, label: d.label }));
}

/** The remembered camera when it is still there (by id, then by label), else the first; null when there is none. */
export function chooseCamera(
  cameras: readonly DocumentCamera[],
  remembered: DocumentCamera | null,
): DocumentCamera | null {
  if (remembered) {
    const byId = cameras.find((c) => c.deviceId !== '' && c.deviceId === remembered.deviceId);
    if (byId) return byId;
    const byLabel = cameras.find((c) => c.label !== '' && c.label === remembered.label);
    if (byLabel) return byLabel;
  }
  return cameras[0] ?? null;
}

/**
 * Whether what was found should replace what is remembered: a camera with an id
 * the browser can open again, different from the one kept. An unlabelled entry
 * (before access) is not worth keeping.
 */
export function worthRemembering(camera: DocumentCamera, remembered: DocumentCamera | null): boolean {
  if (camera.deviceId.trim() === '' || camera.label.trim() === '') return false;
  return remembered?.deviceId !== camera.deviceId || remembered.label !== camera.label;
}
