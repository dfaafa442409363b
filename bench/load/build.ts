// The built UI's scripts and styles measured as built (raw, brotli, gzip),
// split into what the shell loads at once and what loads later.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ENCODINGS } from '../../electron/host/ui-encoding.ts';
import { HASHED_ASSETS_DIR } from '../../electron/host/ui-files.ts';

export interface BuiltFile {
  file: string;
  raw: number;
  br: number | null;
  gzip: number | null;
}

export interface BuiltGroup {
  files: BuiltFile[];
  raw: number;
  br: number;
  gzip: number;
}

const sizeOf = (path: string): number | null => (existsSync(path) ? statSync(path).size : null);

function group(files: BuiltFile[]): BuiltGroup {
  // A file without a compressed copy goes as it is.
  const sum = (pick: (f: BuiltFile) => number) => files.reduce((total, f) => total + pick(f), 0);
  return {
    files,
    raw: sum((f) => f.raw),
    br: sum((f) => f.br ?? f.raw),
    gzip: sum((f) => f.gzip ?? f.raw),
  };
}

/** The scripts and styles: `initial` the shell names (script, modulepreload, stylesheet), `later` the rest. */
export function builtSizes(root: string): { initial: BuiltGroup; later: BuiltGroup } {
  const ui = join(root, 'out/renderer');
  const shell = readFileSync(join(ui, 'index.html'), 'utf8');
  const named = new Set([...shell.matchAll(/(?:src|href)="\.\/([^"]+)"/g)].map((m) => m[1]!));
  const files = readdirSync(join(ui, HASHED_ASSETS_DIR))
    .filter((name) => /\.(m?js|css)$/.test(name))
    .sort()
    .map((name): BuiltFile => {
      const path = join(ui, HASHED_ASSETS_DIR, name);
      const [br, gzip] = ENCODINGS.map(({ suffix }) => sizeOf(path + suffix));
      return { file: `${HASHED_ASSETS_DIR}/${name}`, raw: statSync(path).size, br: br ?? null, gzip: gzip ?? null };
    });
  return {
    initial: group(files.filter((f) => named.has(f.file))),
    later: group(files.filter((f) => !named.has(f.file))),
  };
}
