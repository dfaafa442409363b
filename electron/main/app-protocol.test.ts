import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_ORIGIN, handleAppRequest, isAppUrl } from './app-protocol.ts';

const INDEX = '<!doctype html><html><body>通办工作台</body></html>';
const APP_JS = 'console.log("app");';
const SECRET = 'outside the UI root';

let base: string;
let uiRoot: string;

beforeAll(() => {
  // base/ui is served; base/secret.txt sits right next to it and must never be.
  base = mkdtempSync(join(tmpdir(), 'tongban-app-protocol-'));
  uiRoot = join(base, 'ui');
  mkdirSync(join(uiRoot, 'assets'), { recursive: true });
  writeFileSync(join(uiRoot, 'index.html'), INDEX);
  writeFileSync(join(uiRoot, 'assets', 'app.js'), APP_JS);
  writeFileSync(join(uiRoot, 'assets', 'index-Daa8DXhD.js'), APP_JS);
  writeFileSync(join(base, 'secret.txt'), SECRET);
});

afterAll(() => {
  rmSync(base, { recursive: true, force: true });
});

const get = (url: string) => handleAppRequest({ method: 'GET', url }, uiRoot);

describe('handleAppRequest', () => {
  it('serves index.html with its type, a CSP and its exact bytes', async () => {
    const response = await get('app://tongban/index.html');
    expect(response.status).toBe(200);
    expect(response.headers.get('Content-Type')).toMatch(/^text\/html/);
    expect(response.headers.get('Content-Security-Policy')).toContain("script-src 'self'");
    expect(response.headers.get('X-Content-Type-Options')).toBe('nosniff');
    expect(Buffer.from(await response.arrayBuffer()).equals(Buffer.from(INDEX))).toBe(true);
  });

  it('serves the root as index.html and assets with their type', async () => {
    const root = await get('app://tongban/');
    expect(root.status).toBe(200);
    expect(await root.text()).toBe(INDEX);

    const js = await get(`${APP_ORIGIN}/assets/app.js`);
    expect(js.status).toBe(200);
    expect(js.headers.get('Content-Type')).toMatch(/^text\/javascript/);
    expect(await js.text()).toBe(APP_JS);
  });

  it('lets the browser keep content-hashed files for good, and nothing else', async () => {
    const hashed = await get(`${APP_ORIGIN}/assets/index-Daa8DXhD.js`);
    expect(hashed.headers.get('Cache-Control')).toBe('public, max-age=31536000, immutable');
    for (const path of ['/', '/index.html', '/assets/app.js']) {
      expect((await get(`${APP_ORIGIN}${path}`)).headers.get('Cache-Control'), path).toBe('no-store');
    }
  });

  it.each(['POST', 'PUT', 'DELETE', 'HEAD'])('%s → 405', async (method) => {
    const response = await handleAppRequest({ method, url: 'app://tongban/index.html' }, uiRoot);
    expect(response.status).toBe(405);
  });

  it.each([
    ['another host', 'app://evil/index.html'],
    ['another scheme', 'https://tongban/index.html'],
    ['encoded traversal', 'app://tongban/..%2f..%2fetc%2fpasswd'],
    ['encoded traversal to the neighbour file', 'app://tongban/..%2fsecret.txt'],
    ['double-encoded dots', 'app://tongban/%2e%2e/secret.txt'],
    ['encoded backslash', 'app://tongban/..%5csecret.txt'],
    ['missing file', 'app://tongban/nope.html'],
    ['a folder', 'app://tongban/assets'],
  ])('%s → 404', async (_label, url) => {
    const response = await get(url);
    expect(response.status).toBe(404);
    expect(await response.text()).not.toContain(SECRET);
  });

  it('never serves the file just outside the UI root, whatever the path', async () => {
    const attempts = [
      'app://tongban/../secret.txt',
      'app://tongban/%2e%2e/secret.txt',
      'app://tongban/..%2fsecret.txt',
      'app://tongban/assets/..%2f..%2fsecret.txt',
      'app://tongban//..%2fsecret.txt',
    ];
    for (const url of attempts) {
      const response = await get(url);
      expect(await response.text(), url).not.toContain(SECRET);
    }
  });
});

describe('isAppUrl', () => {
  it.each([
    ['app://tongban/x', true],
    ['app://tongban/', true],
    ['app://tongban/index.html#/intake', true],
    ['app://other/', false],
    ['app://tongban.evil/', false],
    ['https://tongban/', false],
    ['file:///x', false],
    ['garbage', false],
    ['', false],
  ])('%j → %s', (url, expected) => {
    expect(isAppUrl(url)).toBe(expected);
  });
});
