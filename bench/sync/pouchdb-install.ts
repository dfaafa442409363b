// The PouchDB peer of the drain, installed on demand: `npm ci` in
// bench/pouchdb-peer/ (its own package.json and lock; node_modules ignored),
// never a dependency of the project. A failed install is a reason, not a number.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export const PEER_DIR = join(import.meta.dirname, '..', 'pouchdb-peer');

/** The installed pouchdb-node's version, or null when it is not installed. */
export function installedPouchDb(): string | null {
  const manifest = join(PEER_DIR, 'node_modules', 'pouchdb-node', 'package.json');
  if (!existsSync(manifest)) return null;
  return (JSON.parse(readFileSync(manifest, 'utf8')) as { version: string }).version;
}

/** Installs the peer unless it is there: its version, or why it could not be installed. */
export function ensurePouchDbPeer(): { version: string } | { error: string } {
  const installed = installedPouchDb();
  if (installed?.startsWith('9.')) return { version: installed };
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const run = spawnSync(npm, ['ci', '--no-audit', '--no-fund', '--loglevel=error'], {
    cwd: PEER_DIR,
    encoding: 'utf8',
    timeout: 600_000,
  });
  const version = installedPouchDb();
  if (run.status === 0 && version?.startsWith('9.')) return { version };
  const said = `${run.error?.message ?? ''} ${run.stderr ?? ''}`.trim().split('\n').slice(-3).join(' ');
  return { error: `npm ci in bench/pouchdb-peer failed (exit ${run.status}): ${said}`.slice(0, 500) };
}
