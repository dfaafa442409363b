// Every method of the contract has exactly one handler: none missing, none
// handled by two domain modules, none handled that the contract lacks.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DatabaseSync } from 'node:sqlite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { methods } from '../../../shared/rpc/contract.ts';
import { deriveKeys } from '../crypto/keys.ts';
import { openDatabase } from '../store/database.ts';
import { createHandlerContext, type BuiltContext } from './context.ts';
import { assembleHandlers, handlersByDomain } from './index.ts';

let dir: string;
let db: DatabaseSync;
let built: BuiltContext;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'tongban-handlers-'));
  const file = join(dir, 'tongban.sqlite');
  db = openDatabase(file).db;
  built = createHandlerContext({
    db,
    file,
    dataDir: dir,
    appVersion: 'test',
    keys: deriveKeys(randomBytes(32)),
    masterKey: randomBytes(32),
    emit: () => {},
  });
});

afterAll(() => {
  built.stop();
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

/** How many domain modules handle each method name. */
function handlerCounts(): Map<string, number> {
  const counts = new Map<string, number>();
  for (const domain of handlersByDomain(built.context)) {
    for (const method of Object.keys(domain)) counts.set(method, (counts.get(method) ?? 0) + 1);
  }
  return counts;
}

describe('the handler modules', () => {
  it('handle every method of the contract', () => {
    const counts = handlerCounts();
    expect(Object.keys(methods).filter((method) => !counts.has(method))).toEqual([]);
  });

  it('handle no method in two domain modules', () => {
    expect([...handlerCounts()].filter(([, count]) => count > 1).map(([method]) => method)).toEqual([]);
  });

  it('handle no method the contract does not have', () => {
    expect([...handlerCounts().keys()].filter((method) => !Object.hasOwn(methods, method))).toEqual([]);
  });

  it('assemble into one function per method of the contract', () => {
    const handlers = assembleHandlers(built.context);
    expect(Object.keys(handlers).sort()).toEqual(Object.keys(methods).sort());
    expect(Object.values(handlers).every((handler) => typeof handler === 'function')).toBe(true);
  });
});
