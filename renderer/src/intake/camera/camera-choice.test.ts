import { describe, expect, it } from 'vitest';
import { chooseCamera, videoInputs, worthRemembering } from './camera-choice.ts';
import { cameraProblemOf } from './camera-problems.ts';

const LIANGTIAN = { deviceId: 'id-liangtian', label: 'Liangtian S1000A3 (2a3c:8866)' };
const WEBCAM = { deviceId: 'id-webcam', label: 'Integrated Camera (04f2:b6dd)' };

describe('the camera the panel opens', () => {
  it('lists only the video inputs, in the browser’s order', () => {
    const devices = [
      { kind: 'audioinput', deviceId: 'mic', label: 'Microphone' },
      { kind: 'videoinput', ...WEBCAM },
      { kind: 'audiooutput', deviceId: 'spk', label: 'Speakers' },
      { kind: 'videoinput', ...LIANGTIAN },
    ];
    expect(videoInputs(devices)).toEqual([WEBCAM, LIANGTIAN]);
    expect(videoInputs([{ kind: 'audioinput', deviceId: 'mic', label: '' }])).toEqual([]);
  });

  it('is the remembered one by its id', () => {
    expect(chooseCamera([WEBCAM, LIANGTIAN], LIANGTIAN)).toEqual(LIANGTIAN);
  });

  it('is the remembered one by its label when the browser gives it another id (a new address)', () => {
    const moved = { ...LIANGTIAN, deviceId: 'id-after-restart' };
    expect(chooseCamera([WEBCAM, moved], LIANGTIAN)).toEqual(moved);
  });

  it('is the first camera when none is remembered or the remembered one is gone', () => {
    expect(chooseCamera([WEBCAM, LIANGTIAN], null)).toEqual(WEBCAM);
    expect(chooseCamera([WEBCAM], LIANGTIAN)).toEqual(WEBCAM);
    expect(chooseCamera([], LIANGTIAN)).toBeNull();
  });

  it('does not match an unlabelled entry by its empty label or id, as listed before access is granted', () => {
    const unlabelled = { deviceId: '', label: '' };
    expect(chooseCamera([unlabelled], { deviceId: '', label: '' })).toEqual(unlabelled);
    expect(chooseCamera([unlabelled, WEBCAM], { deviceId: 'gone', label: '' })).toEqual(unlabelled);
  });

  it('is remembered when it is a real, different camera, not an unlabelled entry', () => {
    expect(worthRemembering(LIANGTIAN, null)).toBe(true);
    expect(worthRemembering(LIANGTIAN, WEBCAM)).toBe(true);
    expect(worthRemembering({ ...LIANGTIAN, deviceId: 'new-id' }, LIANGTIAN)).toBe(true);
    expect(worthRemembering(LIANGTIAN, LIANGTIAN)).toBe(false);
    expect(worthRemembering({ deviceId: '', label: '' }, null)).toBe(false);
    expect(worthRemembering({ deviceId: 'id', label: '' }, null)).toBe(false);
  });
});

describe('what the clerk is told when the camera fails', () => {
  it('follows the name of the browser’s error', () => {
    const error = (name: string): Error => Object.assign(new Error(name), { name });
    expect(cameraProblemOf(error('NotFoundError'))).toBe('noCamera');
    expect(cameraProblemOf(error('OverconstrainedError'))).toBe('noCamera');
    expect(cameraProblemOf(error('NotAllowedError'))).toBe('permissionDenied');
    expect(cameraProblemOf(error('SecurityError'))).toBe('permissionDenied');
    expect(cameraProblemOf(error('NotReadableError'))).toBe('busy');
    expect(cameraProblemOf(error('AbortError'))).toBe('busy');
    expect(cameraProblemOf(error('TypeError'))).toBe('failed');
    expect(cameraProblemOf('not an error')).toBe('failed');
    expect(cameraProblemOf(null)).toBe('failed');
  });
});
