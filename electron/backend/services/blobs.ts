// Scans and other attachments: uploaded in chunks, checked against their
// declared type by their first bytes, addressed by SHA-256, stored once,
// encrypted (AES-256-GCM) under <data>/blobs/. Chunks wait in memory, never
// on disk in the clear.
import { randomUUID } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { DatabaseSync } from 'node:sqlite';
import { sha256Hex } from '../../../shared-node/hash.ts';
import { MAX_SCAN_BYTES, SCAN_CHUNK_BYTES, SCAN_MEDIA_TYPES, type Scan } from '../../../shared/rpc/contract.ts';
import { rejected } from '../../../shared/rpc/framing.ts';
import { decryptBytes, encryptBytes } from '../crypto/fields.ts';

const MAX_THUMBNAIL_BYTES = 256 * 1024;
const UPLOAD_TTL_MS = 15 * 60_000;
const MAX_OPEN_UPLOADS_PER_USER = 16;

interface Upload {
  userId: string;
  mediaType: string;
  size: number;
  chunks: Buffer[];
  received: number;
  touchedAt: number;
}

/** What a file's first bytes say it is. */
export function sniffMediaType(bytes: Buffer): string | null {
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  if (bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  if (bytes.subarray(0, 5).toString('latin1') === '%PDF-') return 'application/pdf';
  return null;
}

export class BlobStore {
  private readonly uploads = new Map<string, Upload>();
  /** The files each user added in this run: they hold the bytes, whatever case already has the same file. */
  private readonly added = new Map<string, Set<string>>();
  private readonly db: DatabaseSync;
  private readonly dir: string;
  private readonly key: Buffer;

  constructor(db: DatabaseSync, dataDir: string, key: Buffer) {
    this.db = db;
    this.dir = join(dataDir, 'blobs');
    this.key = key;
  }

  private path(sha256: string): string {
    return join(this.dir, sha256.slice(0, 2), `${sha256}.tbb`);
  }

  private sweep(now: number): void {
    for (const [id, upload] of this.uploads) if (now - upload.touchedAt > UPLOAD_TTL_MS) this.uploads.delete(id);
  }

  begin(userId: string, mediaType: string, size: number): { uploadId: string; chunkBytes: number } {
    this.sweep(Date.now());
    if (!(SCAN_MEDIA_TYPES as readonly string[]).includes(mediaType)) {
      throw rejected('scan_type_not_allowed', 'Only JPEG, PNG and PDF files can be attached.', { mediaType });
    }
    if (size <= 0) throw rejected('scan_empty', 'The file is empty.');
    if (size > MAX_SCAN_BYTES) {
      throw rejected('scan_too_large', 'The file is too large.', { maxMb: MAX_SCAN_BYTES / 1024 / 1024 });
    }
    const open = [...this.uploads.values()].filter((u) => u.userId === userId).length;
    if (open >= MAX_OPEN_UPLOADS_PER_USER) throw rejected('too_many_uploads', 'Too many files are uploading.');
    const uploadId = randomUUID();
    this.uploads.set(uploadId, { userId, mediaType, size, chunks: [], received: 0, touchedAt: Date.now() });
    return { uploadId, chunkBytes: SCAN_CHUNK_BYTES };
  }

  private upload(userId: string, uploadId: string): Upload {
    const upload = this.uploads.get(uploadId);
    if (!upload || upload.userId !== userId)
      throw rejected('upload_unknown', 'The upload has expired; add the file again.');
    return upload;
  }

  chunk(userId: string, uploadId: string, index: number, data: string): number {
    const upload = this.upload(userId, uploadId);
    if (index !== upload.chunks.length) throw rejected('chunk_out_of_order', 'A part of the file was skipped.');
    const bytes = Buffer.from(data, 'base64');
    if (bytes.length > SCAN_CHUNK_BYTES || upload.received + bytes.length > upload.size) {
      this.uploads.delete(uploadId);
      throw rejected('scan_size_mismatch', 'The file is larger than announced.');
    }
    upload.chunks.push(bytes);
    upload.received += bytes.length;
    upload.touchedAt = Date.now();
    return upload.received;
  }

  finish(userId: string, uploadId: string, thumbnail: string | null): Scan {
    const upload = this.upload(userId, uploadId);
    this.uploads.delete(uploadId);
    const bytes = Buffer.concat(upload.chunks);
    if (bytes.length !== upload.size) throw rejected('scan_size_mismatch', 'The file did not arrive whole.');
    if (sniffMediaType(bytes) !== upload.mediaType) {
      throw rejected('scan_type_mismatch', 'The file’s content is not what its type says.', {
        mediaType: upload.mediaType,
      });
    }
    let thumbnailSha256: string | null = null;
    if (thumbnail) {
      const thumb = Buffer.from(thumbnail, 'base64');
      const thumbType = sniffMediaType(thumb);
      if (thumb.length > MAX_THUMBNAIL_BYTES || (thumbType !== 'image/png' && thumbType !== 'image/jpeg')) {
        throw rejected('thumbnail_invalid', 'The thumbnail is not a small image.');
      }
      thumbnailSha256 = this.put(thumb, thumbType, null);
    }
    const sha256 = this.put(bytes, upload.mediaType, thumbnailSha256);
    this.addedFor(userId, sha256);
    return this.describe(sha256)!;
  }

  /** Records that the user gave these bytes here (an upload, a signature taken for them). */
  addedFor(userId: string, sha256: string): void {
    const files = this.added.get(userId) ?? new Set<string>();
    files.add(sha256);
    this.added.set(userId, files);
  }

  addedBy(userId: string, sha256: string): boolean {
    return this.added.get(userId)?.has(sha256) ?? false;
  }

  /** Stores bytes once: the encrypted file is durable before its row exists. */
  put(bytes: Buffer, mediaType: string, thumbnailSha256: string | null): string {
    const sha256 = sha256Hex(bytes);
    if (this.describe(sha256)) return sha256;
    const file = this.path(sha256);
    if (!existsSync(file)) {
      mkdirSync(dirname(file), { recursive: true });
      const temp = `${file}.${process.pid}.tmp`;
      const fd = openSync(temp, 'w', 0o600);
      try {
        writeSync(fd, encryptBytes(this.key, bytes, sha256));
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
      renameSync(temp, file);
    }
    this.db
      .prepare(
        'INSERT OR IGNORE INTO blobs (sha256, media_type, size, thumbnail_sha256, created_at) VALUES (?, ?, ?, ?, ?)',
      )
      .run(sha256, mediaType, bytes.length, thumbnailSha256, new Date().toISOString());
    return sha256;
  }

  describe(sha256: string): Scan | null {
    const row = this.db.prepare('SELECT * FROM blobs WHERE sha256 = ?').get(sha256) as
      { sha256: string; media_type: Scan['mediaType']; size: number; thumbnail_sha256: string | null } | undefined;
    if (!row) return null;
    return { sha256: row.sha256, mediaType: row.media_type, size: row.size, thumbnailSha256: row.thumbnail_sha256 };
  }

  /** The clear bytes, checked against their address. */
  read(sha256: string): Buffer {
    const bytes = decryptBytes(this.key, readFileSync(this.path(sha256)), sha256);
    if (sha256Hex(bytes) !== sha256) throw new Error('A stored blob does not match its hash.');
    return bytes;
  }
}
