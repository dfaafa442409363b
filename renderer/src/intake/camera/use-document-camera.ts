// The document camera's stream while the panel is open: the camera chosen (or
// remembered for the device), its live stream, and what went wrong. Closing the
// panel, leaving the step or the screen locking stops every track, so no camera
// is left on.
import { useCallback, useEffect, useState } from 'react';
import type { DocumentCamera } from '../../../../shared/rpc/contract.ts';
import { rpc } from '../../rpc.ts';
import { chooseCamera, videoInputs, worthRemembering } from './camera-choice.ts';
import { cameraProblemOf, type CameraProblem } from './camera-problems.ts';

export interface DocumentCameraState {
  cameras: DocumentCamera[];
  /** The camera open, or being opened. */
  camera: DocumentCamera | null;
  stream: MediaStream | null;
  problem: CameraProblem | null;
  starting: boolean;
}

/** A page camera's usual full resolution (5 megapixels, 4:3); a camera that has less gives its best. */
const VIDEO = { width: { ideal: 2592 }, height: { ideal: 1944 } };

const IDLE: DocumentCameraState = { cameras: [], camera: null, stream: null, problem: null, starting: false };

function noCamera(): DOMException {
  return new DOMException('No video input.', 'NotFoundError');
}

async function rememberedCamera(): Promise<DocumentCamera | null> {
  return (await rpc('devices.documentCamera', {}).catch(() => ({ camera: null }))).camera;
}

export function useDocumentCamera(active: boolean): DocumentCameraState & {
  /** The clerk picks another camera: it opens, and is remembered for the device. */
  choose(deviceId: string): void;
  retry(): void;
} {
  const [state, setState] = useState<DocumentCameraState>(IDLE);
  const [attempt, setAttempt] = useState(0);
  const [wanted, setWanted] = useState<string | null>(null);

  useEffect(() => {
    if (!active) return;
    let closed = false;
    let stream: MediaStream | null = null;
    const stop = (): void => stream?.getTracks().forEach((track) => track.stop());
    const media = typeof navigator === 'undefined' ? undefined : navigator.mediaDevices;

    const open = async (deviceId: string): Promise<MediaStream> => {
      stop();
      stream = await media!.getUserMedia({
        audio: false,
        video: deviceId === '' ? VIDEO : { ...VIDEO, deviceId: { exact: deviceId } },
      });
      if (closed) stop();
      return stream;
    };

    const start = async (): Promise<void> => {
      setState((s) => ({ ...s, stream: null, problem: null, starting: true }));
      if (!media?.getUserMedia || !media.enumerateDevices) throw noCamera();
      const remembered = await rememberedCamera();
      const listed = videoInputs(await media.enumerateDevices());
      const first = listed.find((c) => c.deviceId === wanted) ?? chooseCamera(listed, remembered);
      if (!first) throw noCamera();
      let opened = await open(first.deviceId);
      if (closed) return;
      // Access granted: the labels are there now, and the remembered camera may be found only by its label.
      let cameras = videoInputs(await media.enumerateDevices());
      const openId = (): string => opened.getVideoTracks()[0]?.getSettings().deviceId ?? '';
      const preferred = cameras.find((c) => c.deviceId === wanted) ?? chooseCamera(cameras, remembered);
      if (preferred && preferred.deviceId !== openId()) {
        opened = await open(preferred.deviceId);
        cameras = videoInputs(await media.enumerateDevices());
      }
      if (closed) return;
      const track = opened.getVideoTracks()[0];
      if (!track || track.readyState === 'ended') throw new DOMException('The camera stopped.', 'NotReadableError');
      const camera = cameras.find((c) => c.deviceId === openId()) ?? preferred ?? first;
      track.addEventListener('ended', () => {
        stop();
        if (!closed) setState((s) => ({ ...s, stream: null, problem: 'unplugged' }));
      });
      setState({ cameras, camera, stream: opened, problem: null, starting: false });
      // A camera standing in while the remembered one is away does not replace it.
      const chosen = wanted !== null || remembered === null || remembered.label === camera.label;
      if (chosen && worthRemembering(camera, remembered)) {
        void rpc('devices.setDocumentCamera', { camera }).catch(() => undefined);
      }
    };

    start().catch((error: unknown) => {
      stop();
      if (!closed) setState((s) => ({ ...s, stream: null, starting: false, problem: cameraProblemOf(error) }));
    });

    // A camera plugged in: open it when there was none; else only list it.
    const changed = (): void => {
      if (closed || !media) return;
      if (!stream || stream.getVideoTracks().every((t) => t.readyState === 'ended')) setAttempt((a) => a + 1);
      else void media.enumerateDevices().then((devices) => setState((s) => ({ ...s, cameras: videoInputs(devices) })));
    };
    media?.addEventListener('devicechange', changed);
    return () => {
      closed = true;
      media?.removeEventListener('devicechange', changed);
      stop();
    };
  }, [active, attempt, wanted]);

  const choose = useCallback((deviceId: string) => setWanted(deviceId), []);
  const retry = useCallback(() => setAttempt((a) => a + 1), []);
  // Closed, the panel shows nothing of the last time it was open.
  return { ...(active ? state : IDLE), choose, retry };
}
