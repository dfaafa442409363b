// Switching to a staged restore at start-up, as the desktop app does it: the
// backup's key goes to main to be sealed, and the staged restore stays until a
// start receives that key — moved in once, never again over newer writes.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../store/database.ts';
import { getSetting, setSetting } from '../../store/settings.ts';
import { createBackup } from './create.ts';
import { passphraseKeyFor } from './format.ts';
import { applyPendingRestore, PENDING_DIR, stageRestore } from './restore.ts';

const PASSPHRASE = 'a passphrase long enough';
let root: string;

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'tongban-restore-'));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('a staged restore at start-up', () => {
  it('keeps the staged restore until the backup key comes back, and moves the data in only once', async () => {
    const oldKey = randomBytes(32);
    const source = join(root, 'old');
    const { db } = openDatabase(join(source, 'tongban.sqlite'));
    setSetting(db, 'marker', 'from the backup');
    const made = await createBackup({
      db,
      dataDir: source,
      masterKey: oldKey,
      passphrase: await passphraseKeyFor(PASSPHRASE),
      folder: join(root, 'usb'),
      device: null,
    });
    db.close();

    const target = join(root, 'new');
    const newKey = randomBytes(32);
    openDatabase(join(target, 'tongban.sqlite')).db.close();
    await stageRestore({ folder: made.path, passphrase: PASSPHRASE, dataDir: target, currentMasterKey: newKey });

    const handed: Buffer[] = [];
    const first = applyPendingRestore(target, newKey, (key) => handed.push(key) < 0);
    expect(first.masterKey.equals(oldKey)).toBe(true);
    expect(first.restoredFrom).toBe(made.createdAt);
    expect(handed).toHaveLength(1);
    expect(existsSync(join(target, PENDING_DIR))).toBe(true);

    // The device works on the restored data before the next start.
    const opened = openDatabase(join(target, 'tongban.sqlite')).db;
    expect(getSetting(opened, 'marker')).toBe('from the backup');
    setSetting(opened, 'marker', 'written after the restore');
    opened.close();

    const second = applyPendingRestore(target, oldKey, () => {
      throw new Error('the key is stored already');
    });
    expect(second).toEqual({ masterKey: oldKey, restoredFrom: null });
    expect(existsSync(join(target, PENDING_DIR))).toBe(false);
    const after = openDatabase(join(target, 'tongban.sqlite')).db;
    expect(getSetting(after, 'marker')).toBe('written after the restore');
    after.close();
  });
});
