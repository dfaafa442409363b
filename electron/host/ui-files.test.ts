import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, sep } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cacheControl, contentSecurityPolicy, contentType, resolveUiFile } from './ui-files.ts';

let root: string;

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'tongban-ui-files-'));
});

afterAll(() => {
  rmSync(root, { recursive: true, force: true });
});

describe('resolveUiFile', () => {
  // null: refused; a string: the path it must map to, relative to root.
  const cases: [label: string, pathname: string, expected: string | null][] = [
    ['root', '/', 'index.html'],
    ['empty', '', 'index.html'],
    ['index', '/index.html', 'index.html'],
    ['asset', '/assets/a.js', join('assets', 'a.js')],
    ['encoded name', '/assets/%E4%B8%AD.js', join('assets', '中.js')],
    ['dot segment staying inside', '/a/../x', 'x'],
    ['parent', '/../etc/passwd', null],
    ['bare parent', '/..', null],
    ['encoded parents', '/%2e%2e/%2e%2e/etc/passwd', null],
    ['encoded slashes', '/..%2f..%2fetc%2fpasswd', null],
    ['parent after a folder', '/a/../../x', null],
    ['encoded backslash', '%5c..%5cx', null],
    ['encoded backslash after slash', '/%5c..%5cx', null],
    ['NUL', '/index.html%00', null],
    ['NUL alone', '%00', null],
    ['malformed escape', '%E0%A4%A', null],
    ['absolute-looking', '//etc/passwd', join('etc', 'passwd')],
    ['many slashes', '////etc/passwd', join('etc', 'passwd')],
  ];

  it.each(cases)('%s: %j', (_label, pathname, expected) => {
    const result = resolveUiFile(root, pathname);
    expect(result).toBe(expected === null ? null : join(root, expected));
  });

  it.each(cases)('%s: never a path outside root', (_label, pathname) => {
    const result = resolveUiFile(root, pathname);
    if (result !== null) expect(result.startsWith(root + sep)).toBe(true);
  });

  it('treats a root given with a trailing separator the same', () => {
    expect(resolveUiFile(root + sep, '/index.html')).toBe(join(root, 'index.html'));
    expect(resolveUiFile(root + sep, '/../x')).toBeNull();
  });
});

describe('contentType', () => {
  it.each([
    ['index.html', 'text/html; charset=utf-8'],
    ['app.js', 'text/javascript; charset=utf-8'],
    ['APP.JS', 'text/javascript; charset=utf-8'],
    ['chunk.mjs', 'text/javascript; charset=utf-8'],
    ['style.css', 'text/css; charset=utf-8'],
    ['data.json', 'application/json; charset=utf-8'],
    ['logo.svg', 'image/svg+xml'],
    ['font.woff2', 'font/woff2'],
    ['README', 'application/octet-stream'],
    ['archive.exe', 'application/octet-stream'],
  ])('%s → %s', (file, type) => {
    expect(contentType(join(root, file))).toBe(type);
  });
});

describe('cacheControl', () => {
  const forever = 'public, max-age=31536000, immutable';
  it.each([
    ['assets/index-Daa8DXhD.js', forever],
    ['assets/antd-BBFUhu0P.js', forever],
    ['assets/pdf.worker.min-CIqJB0yW.mjs', forever],
    ['assets/index-BsMUngZH.css', forever],
    ['assets/index-Daa8DXhD.js.br', 'no-store'],
    ['index.html', 'no-store'],
    ['favicon.svg', 'no-store'],
    ['assets/app.js', 'no-store'],
    ['assets/short-abc.js', 'no-store'],
    ['assets/nested/index-Daa8DXhD.js', 'no-store'],
    ['static/index-Daa8DXhD.js', 'no-store'],
    ['index-Daa8DXhD.js', 'no-store'],
  ])('%s → %s', (file, expected) => {
    expect(cacheControl(root, join(root, file))).toBe(expected);
  });
});

describe('contentSecurityPolicy', () => {
  function directives(csp: string): Map<string, string[]> {
    const map = new Map<string, string[]>();
    for (const part of csp.split(';')) {
      const [name, ...values] = part.trim().split(/\s+/);
      if (name) map.set(name, values);
    }
    return map;
  }

  it("allows scripts from 'self' only, never eval or inline", () => {
    const csp = contentSecurityPolicy();
    expect(directives(csp).get('script-src')).toEqual(["'self'"]);
    expect(csp).not.toContain("'unsafe-eval'");
    expect(directives(csp).get('default-src')).toEqual(["'self'"]);
    expect(directives(csp).get('object-src')).toEqual(["'none'"]);
  });

  it("connects to 'self' only by default", () => {
    expect(directives(contentSecurityPolicy()).get('connect-src')).toEqual(["'self'"]);
  });

  it('adds extra connect sources, and only to connect-src', () => {
    const csp = contentSecurityPolicy(['ws://127.0.0.1:4310', 'http://127.0.0.1:4310']);
    const d = directives(csp);
    expect(d.get('connect-src')).toEqual(["'self'", 'ws://127.0.0.1:4310', 'http://127.0.0.1:4310']);
    expect(d.get('script-src')).toEqual(["'self'"]);
    expect(csp).not.toContain("'unsafe-eval'");
  });
});
