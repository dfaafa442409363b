// The server data key (key-encryption key, KEK): 32 random bytes that wrap the
// per-record data keys of payloads and scans (envelope.ts). It never lives in
// the database: it comes from TONGBAN_DATA_KEY (base64), or from a file —
// TONGBAN_DATA_KEY_FILE, else `<data>/data-key` — that only the server's user
// may read. A first start with neither makes the file. Several keys may be
// given (one a line, or comma-separated): the last encrypts, all decrypt, so
// the key can be rotated (`rotate-data-key`).
import { createHash, randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { chmod, link, mkdir, open, readFile, rm, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';

export const KEY_BYTES = 32;
export const DATA_KEY_FILE = 'data-key';

export interface Keyring {
  /** The key new records are sealed with. */
  readonly current: { id: string; key: Buffer };
  /** Every key that may have sealed a record, by id. */
  readonly keys: ReadonlyMap<string, Buffer>;
}

export interface LoadedDataKey {
  keyring: Keyring;
  /** Where it came from, fit for a log: the variable's name or the file's path (never the key). */
  source: string;
  /** True when this start made the file. */
  created: boolean;
}

/** Refusals to start: a person reads them, so each says what to do. */
export class DataKeyError extends Error {
  override readonly name = 'DataKeyError';
}

/** A key's id: a fingerprint that names it in sealed records without revealing it. */
export function keyId(key: Buffer): string {
  return createHash('sha256').update('tongban data key id\0').update(key).digest('hex').slice(0, 16);
}

export function keyringOf(keys: readonly Buffer[]): Keyring {
  const last = keys.at(-1);
  if (!last) throw new DataKeyError('The data key is empty.');
  return { current: { id: keyId(last), key: last }, keys: new Map(keys.map((key) => [keyId(key), key])) };
}

function parseKeys(text: string, source: string): Keyring {
  const keys = text
    .split(/[\n,]/)
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map((line) => Buffer.from(line, 'base64'));
  if (keys.length === 0 || keys.some((key) => key.length !== KEY_BYTES)) {
    throw new DataKeyError(`${source} must hold base64 keys of ${KEY_BYTES} bytes, one a line (the last is current).`);
  }
  return keyringOf(keys);
}

/** The file must be the server user's alone: no group or other bits, and owned by this user. */
async function checkPrivate(file: string): Promise<void> {
  if (process.platform === 'win32') return;
  const info = await stat(file);
  const mode = info.mode & 0o777;
  if ((mode & 0o077) !== 0) {
    throw new DataKeyError(
      `The data key file ${file} has mode ${mode.toString(8).padStart(4, '0')}: others may read it. ` +
        `The server does not start with it. Make it the server user's alone: chmod 600 ${file}`,
    );
  }
  if (process.getuid && info.uid !== process.getuid()) {
    throw new DataKeyError(`The data key file ${file} belongs to another user; the server's user must own it.`);
  }
}

export function newKeyLine(): string {
  return `${randomBytes(KEY_BYTES).toString('base64')}\n`;
}

/**
 * Makes the key file whole or not at all: written and fsynced under a
 * temporary name, then linked to its name, which fails when another start
 * made it first (EEXIST), so no one ever reads a half-written key.
 */
async function createKeyFile(file: string): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.${randomBytes(4).toString('hex')}`;
  const handle = await open(temporary, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, 0o600);
  try {
    await handle.writeFile(
      '# The exchange server data key: keep a copy apart from the data; without it nothing stored can be read.\n' +
        newKeyLine(),
    );
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await chmod(temporary, 0o600); // whatever the umask did
    await link(temporary, file);
  } finally {
    await rm(temporary, { force: true });
  }
}

/** Where the key file is: TONGBAN_DATA_KEY_FILE, else in the data folder. */
export function dataKeyFile(dataDir: string, env: NodeJS.ProcessEnv = process.env): string {
  return env.TONGBAN_DATA_KEY_FILE || join(dataDir, DATA_KEY_FILE);
}

/** Reads the data key, making the file on a first start with none; throws DataKeyError to refuse the start. */
export async function loadDataKey(dataDir: string, env: NodeJS.ProcessEnv = process.env): Promise<LoadedDataKey> {
  if (env.TONGBAN_DATA_KEY) {
    return { keyring: parseKeys(env.TONGBAN_DATA_KEY, 'TONGBAN_DATA_KEY'), source: 'TONGBAN_DATA_KEY', created: false };
  }
  const file = dataKeyFile(dataDir, env);
  let created = false;
  if (env.TONGBAN_DATA_KEY_FILE) {
    // A file named on purpose and missing is a mistake (a typo, an unmounted disk), not a first start.
    await stat(file).catch(() => {
      throw new DataKeyError(`TONGBAN_DATA_KEY_FILE names ${file}, which does not exist.`);
    });
  } else {
    try {
      await createKeyFile(file);
      created = true;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
  await checkPrivate(file);
  return { keyring: parseKeys(await readFile(file, 'utf8'), file), source: file, created };
}
