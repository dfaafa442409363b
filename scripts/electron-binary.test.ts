import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findElectronBinary, missingBinaryAdvice, platformExecutable } from './electron-binary.ts';

describe('finding the Electron binary without downloading it', () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'tongban-electron-'));
    mkdirSync(join(root, 'node_modules', 'electron'), { recursive: true });
    writeFileSync(join(root, 'node_modules', 'electron', 'package.json'), JSON.stringify({ version: '45.4.1' }));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('says missing when neither path.txt nor dist exists', () => {
    const found = findElectronBinary(root, {}, 'linux');
    expect(found).toEqual({ path: join(root, 'node_modules/electron/dist/electron'), present: false });
  });

  it('finds the binary named by path.txt under dist', () => {
    writeFileSync(join(root, 'node_modules/electron/path.txt'), 'electron');
    mkdirSync(join(root, 'node_modules/electron/dist'));
    writeFileSync(join(root, 'node_modules/electron/dist/electron'), '');
    expect(findElectronBinary(root, {}, 'linux').present).toBe(true);
  });

  it('honours ELECTRON_OVERRIDE_DIST_PATH', () => {
    const dist = join(root, 'custom');
    mkdirSync(dist);
    writeFileSync(join(dist, 'electron.exe'), '');
    expect(findElectronBinary(root, { ELECTRON_OVERRIDE_DIST_PATH: dist }, 'win32')).toEqual({
      path: join(dist, 'electron.exe'),
      present: true,
    });
  });

  it('names each platform’s executable', () => {
    expect(platformExecutable('win32')).toBe('electron.exe');
    expect(platformExecutable('darwin')).toBe('Electron.app/Contents/MacOS/Electron');
    expect(platformExecutable('linux')).toBe('electron');
  });

  it('advises how to get the binary and points to browser mode', () => {
    const advice = missingBinaryAdvice(root, findElectronBinary(root, {}, 'linux'));
    expect(advice).toContain('45.4.1');
    expect(advice).toContain('npm run start:web');
    expect(advice).toContain('ELECTRON_OVERRIDE_DIST_PATH');
  });
});
