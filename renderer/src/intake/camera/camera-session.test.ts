// The camera session against a stand-in for the browser's media devices that
// behaves as Chromium's do (no labels or ids before access is granted), for
// what Chromium's fake camera cannot do: be unplugged, hold the camera
// elsewhere, answer after the panel closed. The browser's own path is
// tests/e2e/document-camera.spec.ts.
import { describe, expect, it } from 'vitest';
import type { DocumentCamera } from '../../../../shared/rpc/contract.ts';
import type { MediaDeviceLike } from './camera-choice.ts';
import { IDLE_CAMERA, openCameraSession, type CameraState } from './camera-session.ts';

const WEBCAM = { deviceId: 'id-webcam', label: 'Integrated Camera (04f2:b6dd)' };
const LIANGTIAN = { deviceId: 'id-liangtian', label: 'Liangtian S1000A3 (2a3c:8866)' };

class Track {
  readyState: 'live' | 'ended' = 'live';
  private readonly ended: (() => void)[] = [];
  readonly deviceId: string;
  constructor(deviceId: string) {
    this.deviceId = deviceId;
  }
  stop(): void {
    this.readyState = 'ended';
  }
  getSettings(): { deviceId: string } {
    return { deviceId: this.deviceId };
  }
  addEventListener(_type: 'ended', listener: () => void): void {
    this.ended.push(listener);
  }
  /** The cable pulled: the browser ends the track and says so. */
  unplug(): void {
    this.readyState = 'ended';
    this.ended.forEach((listener) => listener());
  }
}

class Stream {
  readonly track: Track;
  constructor(track: Track) {
    this.track = track;
  }
  getTracks(): Track[] {
    return [this.track];
  }
  getVideoTracks(): Track[] {
    return [this.track];
  }
}

class Media {
  granted = false;
  readonly opened: Stream[] = [];
  refusal: string | null = null;
  /** Holds getUserMedia's answer until released. */
  hold: Promise<void> | null = null;
  private readonly listeners = new Set<() => void>();
  cameras: DocumentCamera[];
  constructor(cameras: DocumentCamera[]) {
    this.cameras = cameras;
  }

  async enumerateDevices(): Promise<MediaDeviceLike[]> {
    const microphone = { kind: 'audioinput', deviceId: 'mic', label: 'Microphone' };
    if (this.granted) return [microphone, ...this.cameras.map((c) => ({ kind: 'videoinput', ...c }))];
    // Before access: one entry per kind present, with neither id nor label.
    return this.cameras.length > 0 ? [{ kind: 'videoinput', deviceId: '', label: '' }] : [];
  }

  async getUserMedia(constraints: MediaStreamConstraints): Promise<Stream> {
    if (this.hold) await this.hold;
    if (this.refusal) throw new DOMException('refused', this.refusal);
    const video = constraints.video as { deviceId?: { exact: string } };
    const camera = video.deviceId ? this.cameras.find((c) => c.deviceId === video.deviceId!.exact) : this.cameras[0];
    if (!camera) throw new DOMException('gone', video.deviceId ? 'OverconstrainedError' : 'NotFoundError');
    this.granted = true;
    const stream = new Stream(new Track(camera.deviceId));
    this.opened.push(stream);
    return stream;
  }

  addEventListener(_type: 'devicechange', listener: () => void): void {
    this.listeners.add(listener);
  }
  removeEventListener(_type: 'devicechange', listener: () => void): void {
    this.listeners.delete(listener);
  }
  /** A camera plugged in or out. */
  change(cameras: DocumentCamera[]): void {
    this.cameras = cameras;
    this.listeners.forEach((listener) => listener());
  }

  liveTracks(): number {
    return this.opened.filter((s) => s.track.readyState === 'live').length;
  }
}

const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

async function open(media: Media | undefined, remembered: DocumentCamera | null, wanted: string | null = null) {
  let state: CameraState<Stream> = IDLE_CAMERA;
  const remembers: DocumentCamera[] = [];
  let retries = 0;
  const close = openCameraSession<Stream>({
    media,
    wanted,
    remembered: async () => remembered,
    remember: (camera) => remembers.push(camera),
    setState: (update) => (state = update(state)),
    retry: () => (retries += 1),
  });
  await settle();
  return { close, state: () => state, remembers, retries: () => retries };
}

describe('a document camera session', () => {
  it('opens the remembered camera, found by its label once access is granted, and keeps its new id', async () => {
    const moved = { ...LIANGTIAN, deviceId: 'id-after-restart' };
    const media = new Media([WEBCAM, moved]);
    const session = await open(media, LIANGTIAN);
    expect(session.state()).toMatchObject({ camera: moved, problem: null, starting: false, cameras: [WEBCAM, moved] });
    expect(session.state().stream?.track.deviceId).toBe(moved.deviceId);
    // The default camera opened to gain access was stopped at once.
    expect(media.opened.map((s) => [s.track.deviceId, s.track.readyState])).toEqual([
      [WEBCAM.deviceId, 'ended'],
      [moved.deviceId, 'live'],
    ]);
    expect(session.remembers).toEqual([moved]);
    session.close();
    expect(media.liveTracks()).toBe(0);
  });

  it('lets another camera stand in while the remembered one is away, without forgetting it', async () => {
    const session = await open(new Media([WEBCAM]), LIANGTIAN);
    expect(session.state().camera).toEqual(WEBCAM);
    expect(session.remembers).toEqual([]);
  });

  it('opens the camera the clerk picks, and remembers it', async () => {
    const session = await open(new Media([WEBCAM, LIANGTIAN]), WEBCAM, LIANGTIAN.deviceId);
    expect(session.state().camera).toEqual(LIANGTIAN);
    expect(session.remembers).toEqual([LIANGTIAN]);
  });

  it('remembers the first camera at a window that had none', async () => {
    const session = await open(new Media([LIANGTIAN]), null);
    expect(session.remembers).toEqual([LIANGTIAN]);
  });

  it('says the camera was unplugged when its track ends, and stops it', async () => {
    const media = new Media([LIANGTIAN]);
    const session = await open(media, LIANGTIAN);
    media.opened.at(-1)!.track.unplug();
    expect(session.state()).toMatchObject({ stream: null, problem: 'unplugged' });
    // Plugged in again: the session asks to be opened anew.
    media.change([LIANGTIAN]);
    expect(session.retries()).toBe(1);
    session.close();
  });

  it('leaves nothing on when closed while the browser was still opening the camera', async () => {
    const media = new Media([LIANGTIAN]);
    let release = (): void => undefined;
    media.hold = new Promise((resolve) => (release = resolve));
    const session = await open(media, LIANGTIAN);
    session.close();
    release();
    await settle();
    expect(media.opened).toHaveLength(1);
    expect(media.liveTracks()).toBe(0);
    expect(session.state().stream).toBeNull();
  });

  it('says there is no camera, without asking for one, when none is connected or media devices are unavailable', async () => {
    const media = new Media([]);
    expect((await open(media, LIANGTIAN)).state()).toMatchObject({
      problem: 'noCamera',
      stream: null,
      starting: false,
    });
    expect(media.opened).toHaveLength(0);
    expect((await open(undefined, null)).state().problem).toBe('noCamera');
  });

  it('says why the browser refused the camera', async () => {
    for (const [refusal, problem] of [
      ['NotAllowedError', 'permissionDenied'],
      ['NotReadableError', 'busy'],
      ['SomethingElse', 'failed'],
    ] as const) {
      const media = new Media([LIANGTIAN]);
      media.refusal = refusal;
      expect((await open(media, null)).state()).toMatchObject({ problem, stream: null });
    }
  });

  it('lists a camera plugged in beside the open one, and opens one plugged in when there was none', async () => {
    const media = new Media([WEBCAM]);
    const session = await open(media, null);
    media.change([WEBCAM, LIANGTIAN]);
    await settle();
    expect(session.state().cameras).toEqual([WEBCAM, LIANGTIAN]);
    expect(session.retries()).toBe(0);

    const empty = new Media([]);
    const waiting = await open(empty, null);
    empty.change([LIANGTIAN]);
    expect(waiting.retries()).toBe(1);
    waiting.close();
    // Closed, it no longer listens.
    empty.change([]);
    expect(waiting.retries()).toBe(1);
    session.close();
  });
});
