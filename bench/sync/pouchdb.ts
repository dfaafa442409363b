// PouchDB beside the drain, in the same run: the same cases (a document each,
// holding its events as the device pushes them) and the same scans (as
// attachments) replicated by pouchdb-node 9 to express-pouchdb over HTTP on
// loopback, each in its own process (pouchdb-client.ts, pouchdb-server.ts).
// pouchdb_s is the replication alone: the client's database is loaded first,
// untimed, as the device's backlog is seeded first. When the peer cannot be
// installed, pouchdb_s is null and pouchdb_error says why.
import { fork, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { round } from '../support/timing.ts';
import type { CaseDoc } from './pouchdb-client.ts';
import { ensurePouchDbPeer } from './pouchdb-install.ts';
import { exited, processCpu } from './processes.ts';
import { say } from './say.ts';

export type PouchDbResult =
  | {
      pouchdb_s: number;
      pouchdb_cpu_s: { client: number; server: number };
      pouchdb_version: string;
      pouchdb_docs: number;
      pouchdb_attachments: number;
    }
  | { pouchdb_s: null; pouchdb_error: string };

/** The drain's cases as documents: events grouped by case, in order; the scans by the order the cases were seeded. */
export function caseDocs(bodies: readonly string[], scansPerCase: number): CaseDoc[] {
  const docs = new Map<string, CaseDoc>();
  for (const body of bodies) {
    for (const event of (JSON.parse(body) as { events: { caseId: string }[] }).events) {
      let doc = docs.get(event.caseId);
      if (!doc) {
        const first = docs.size * scansPerCase;
        doc = { _id: event.caseId, events: [], scans: Array.from({ length: scansPerCase }, (_, k) => first + k) };
        docs.set(event.caseId, doc);
      }
      doc.events.push(event);
    }
  }
  return [...docs.values()];
}

function message<T>(child: ChildProcess, what: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const exit = (code: number | null) => reject(new Error(`the PouchDB ${what} exited (${code})`));
    child.once('exit', exit);
    child.once('message', (m: T & { error?: string }) => {
      child.off('exit', exit);
      if (m.error) reject(new Error(`the PouchDB ${what}: ${m.error}`));
      else resolve(m);
    });
  });
}

export async function pouchDbDrain(
  bodies: readonly string[],
  { scansPerCase, scanBytes, seed }: { scansPerCase: number; scanBytes: number; seed: number },
): Promise<PouchDbResult> {
  say('pouchdb: installing the peer in bench/pouchdb-peer/ unless it is there');
  const peer = ensurePouchDbPeer();
  if ('error' in peer) {
    say(`pouchdb: not run: ${peer.error}`);
    return { pouchdb_s: null, pouchdb_error: peer.error };
  }
  const dir = mkdtempSync(join(tmpdir(), 'tongban-bench-pouchdb-'));
  const children: ChildProcess[] = [];
  try {
    const docs = caseDocs(bodies, scansPerCase);
    const docsFile = join(dir, 'docs.json');
    writeFileSync(docsFile, JSON.stringify({ seed, scanBytes, docs }));
    for (const side of ['server', 'client']) mkdirSync(join(dir, side));
    const server = fork(join(import.meta.dirname, 'pouchdb-server.ts'), [join(dir, 'server')], {
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    });
    children.push(server);
    const { port } = await message<{ port: number }>(server, 'server');
    const url = `http://127.0.0.1:${port}/cases`;
    const client = fork(join(import.meta.dirname, 'pouchdb-client.ts'), [join(dir, 'client'), docsFile, url], {
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      // PouchDB's own: it hands replication batches around and holds many attachments at once.
      execArgv: ['--max-old-space-size=4096'],
    });
    children.push(client);
    say(`pouchdb ${peer.version}: loading ${docs.length} documents with ${docs.length * scansPerCase} attachments`);
    await message(client, 'client');
    say('pouchdb: replicating to express-pouchdb');
    const before = { client: processCpu(client.pid!), server: processCpu(server.pid!) };
    const done = message<{ seconds: number; written: number }>(client, 'client');
    client.send('replicate');
    const { seconds, written } = await done;
    const cpu = {
      client: round(processCpu(client.pid!) - before.client, 2),
      server: round(processCpu(server.pid!) - before.server, 2),
    };
    if (written !== docs.length) throw new Error(`PouchDB wrote ${written} of ${docs.length} documents`);
    say(`pouchdb: ${round(seconds)} s; CPU seconds ${JSON.stringify(cpu)}`);
    return {
      pouchdb_s: round(seconds),
      pouchdb_cpu_s: cpu,
      pouchdb_version: peer.version,
      pouchdb_docs: docs.length,
      pouchdb_attachments: docs.length * scansPerCase,
    };
  } finally {
    for (const child of children) {
      if (child.connected) child.disconnect();
      await exited(child);
    }
    rmSync(dir, { recursive: true, force: true });
  }
}
