import { describe, expect, it } from 'vitest';
import { permissionGranted } from './media-permission.ts';

const OWN = { requestingUrl: 'app://tongban/index.html', isMainFrame: true };
const DEV = 'http://localhost:5173/';

describe('permission requests of a window', () => {
  it('grant the camera, video only, to the app’s own pages', () => {
    expect(permissionGranted('media', { ...OWN, mediaTypes: ['video'] })).toBe(true);
  });

  it('refuse the microphone, alone or with the camera, and a media request naming nothing', () => {
    expect(permissionGranted('media', { ...OWN, mediaTypes: ['audio'] })).toBe(false);
    expect(permissionGranted('media', { ...OWN, mediaTypes: ['video', 'audio'] })).toBe(false);
    expect(permissionGranted('media', { ...OWN, mediaTypes: [] })).toBe(false);
    expect(permissionGranted('media', OWN)).toBe(false);
  });

  it('refuse the camera to any other page, and to a frame', () => {
    for (const requestingUrl of [
      'https://example.cn/',
      'app://tongban.example.cn/index.html',
      'app://other/index.html',
      'file:///tmp/index.html',
      'not a url',
      '',
    ]) {
      expect(
        permissionGranted('media', { requestingUrl, isMainFrame: true, mediaTypes: ['video'] }),
        requestingUrl,
      ).toBe(false);
    }
    expect(permissionGranted('media', { ...OWN, isMainFrame: false, mediaTypes: ['video'] })).toBe(false);
  });

  it('grant the development server’s pages only in a development run, by their exact origin', () => {
    const dev = { requestingUrl: 'http://localhost:5173/index.html', isMainFrame: true, mediaTypes: ['video'] };
    expect(permissionGranted('media', dev)).toBe(false);
    expect(permissionGranted('media', dev, DEV)).toBe(true);
    expect(permissionGranted('media', { ...dev, requestingUrl: 'http://localhost:51730/' }, DEV)).toBe(false);
  });

  it('refuse every other permission', () => {
    for (const permission of [
      'geolocation',
      'notifications',
      'clipboard-read',
      'display-capture',
      'midi',
      'openExternal',
    ]) {
      expect(permissionGranted(permission, { ...OWN, mediaTypes: ['video'] }), permission).toBe(false);
    }
  });
});
