// The document camera while the panel is open and shown: a camera session
// (camera-session.ts) over the browser's media devices, again for each retry
// and each camera the clerk picks. Closing the panel, leaving the step or the
// screen locking ends the session, stopping every track, so no camera is left on.
import { useCallback, useEffect, useState } from 'react';
import { rpc } from '../../rpc.ts';
import { IDLE_CAMERA, openCameraSession, type CameraState } from './camera-session.ts';

export type DocumentCameraState = CameraState<MediaStream>;

export function useDocumentCamera(active: boolean): DocumentCameraState & {
  /** The clerk picks another camera: it opens, and is remembered for the device. */
  choose(deviceId: string): void;
  retry(): void;
} {
  const [state, setState] = useState<DocumentCameraState>(IDLE_CAMERA);
  const [attempt, setAttempt] = useState(0);
  const [wanted, setWanted] = useState<string | null>(null);
  const retry = useCallback(() => setAttempt((a) => a + 1), []);

  useEffect(() => {
    if (!active) return;
    return openCameraSession({
      // Undefined outside a secure context: the panel then says there is no camera.
      media: navigator.mediaDevices as MediaDevices | undefined,
      wanted,
      remembered: async () => (await rpc('devices.documentCamera', {}).catch(() => ({ camera: null }))).camera,
      remember: (camera) => void rpc('devices.setDocumentCamera', { camera }).catch(() => undefined),
      setState,
      retry,
    });
  }, [active, attempt, retry, wanted]);

  const choose = useCallback((deviceId: string) => setWanted(deviceId), []);
  // Closed, the panel shows nothing of the last time it was open.
  return { ...(active ? state : IDLE_CAMERA), choose, retry };
}
