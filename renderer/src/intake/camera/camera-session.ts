// One opening of the document camera, from the device list to a live stream,
// until it is closed: the camera chosen (or remembered for the device), the
// stream, and what went wrong. Written against the few parts of the browser's
// media devices it uses, so that what no test camera can do (be unplugged,
// answer after the panel closed) is still proven (camera-session.test.ts).
import type { DocumentCamera } from '../../../../shared/rpc/contract.ts';
import { chooseCamera, videoInputs, worthRemembering, type MediaDeviceLike } from './camera-choice.ts';
import { cameraProblemOf, type CameraProblem } from './camera-problems.ts';

export interface TrackLike {
  readonly readyState: string;
  stop(): void;
  getSettings(): { deviceId?: string };
  addEventListener(type: 'ended', listener: () => void): void;
}

export interface StreamLike {
  getTracks(): TrackLike[];
  getVideoTracks(): TrackLike[];
}

export interface MediaDevicesLike<S extends StreamLike> {
  enumerateDevices(): Promise<MediaDeviceLike[]>;
  getUserMedia(constraints: MediaStreamConstraints): Promise<S>;
  addEventListener(type: 'devicechange', listener: () => void): void;
  removeEventListener(type: 'devicechange', listener: () => void): void;
}

export interface CameraState<S> {
  cameras: DocumentCamera[];
  /** The camera open, or being opened. */
  camera: DocumentCamera | null;
  stream: S | null;
  problem: CameraProblem | null;
  starting: boolean;
}

export const IDLE_CAMERA: CameraState<never> = {
  cameras: [],
  camera: null,
  stream: null,
  problem: null,
  starting: false,
};

/** A page camera's usual full resolution (5 megapixels, 4:3); a camera that has less gives its best. */
const VIDEO = { width: { ideal: 2592 }, height: { ideal: 1944 } };

export interface CameraSessionOptions<S extends StreamLike> {
  /** Absent where the page may not use media devices at all (not a secure context). */
  media: MediaDevicesLike<S> | undefined;
  /** The device id the clerk picked in the panel; null to take the remembered camera. */
  wanted: string | null;
  remembered(): Promise<DocumentCamera | null>;
  remember(camera: DocumentCamera): void;
  setState(update: (state: CameraState<S>) => CameraState<S>): void;
  /** A camera came or went while none is open: try again. */
  retry(): void;
}

function noCamera(): DOMException {
  return new DOMException('No video input.', 'NotFoundError');
}

/** Opens the camera; the function returned closes the session, stopping every track it opened. */
export function openCameraSession<S extends StreamLike>(options: CameraSessionOptions<S>): () => void {
  const { media, wanted, setState } = options;
  let closed = false;
  let stream: S | null = null;
  const stop = (): void => stream?.getTracks().forEach((track) => track.stop());

  const open = async (deviceId: string): Promise<S> => {
    stop();
    const opened = await media!.getUserMedia({
      audio: false,
      video: deviceId === '' ? VIDEO : { ...VIDEO, deviceId: { exact: deviceId } },
    });
    stream = opened;
    // Closed while the browser was opening it: nothing may stay on.
    if (closed) stop();
    return opened;
  };

  const start = async (): Promise<void> => {
    setState((s) => ({ ...s, stream: null, problem: null, starting: true }));
    if (!media) throw noCamera();
    const remembered = await options.remembered();
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
      if (closed) return;
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
    setState(() => ({ cameras, camera, stream: opened, problem: null, starting: false }));
    // A camera standing in while the remembered one is away does not replace it.
    const chosen = wanted !== null || remembered === null || remembered.label === camera.label;
    if (chosen && worthRemembering(camera, remembered)) options.remember(camera);
  };

  start().catch((error: unknown) => {
    stop();
    if (!closed) setState((s) => ({ ...s, stream: null, starting: false, problem: cameraProblemOf(error) }));
  });

  // A camera plugged in: open it when none is open; else only list it.
  const changed = (): void => {
    if (closed || !media) return;
    if (!stream || stream.getVideoTracks().every((t) => t.readyState === 'ended')) options.retry();
    else
      void media
        .enumerateDevices()
        .then((devices) => !closed && setState((s) => ({ ...s, cameras: videoInputs(devices) })));
  };
  media?.addEventListener('devicechange', changed);
  return () => {
    closed = true;
    media?.removeEventListener('devicechange', changed);
    stop();
  };
}
