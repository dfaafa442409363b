// Blobs in S3-compatible object storage (TONGBAN_BLOB_STORE=s3): Amazon S3,
// MinIO, Alibaba Cloud OSS, Tencent COS and Huawei OBS speak the protocol, and
// every instance of a region's server shares the bucket. A kept blob is one
// object, `<prefix>blobs/<sha256>`, written by a single PUT: the store shows
// it whole or not at all, and it is durable once the PUT is answered. An
// upload under way is one object per piece, `<prefix>incoming/<sha256>/<offset>`,
// and its sealed key beside them.
import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import { randomUUID } from 'node:crypto';
import { BlobStoreError, sealedBytes, SHA256_NAME, type BlobBackend, type SealedBlob } from './contract.ts';

export interface S3Settings {
  /** https://… (plain http on loopback only); none for Amazon S3 itself. */
  endpoint: string | undefined;
  region: string;
  bucket: string;
  /** Put before every key, so one bucket can hold several servers' blobs. */
  prefix: string;
  /** `<endpoint>/<bucket>/<key>` rather than `<bucket>.<endpoint>/<key>`: MinIO and most private installations. */
  pathStyle: boolean;
  /** None: the SDK's own chain (AWS_ACCESS_KEY_ID, a profile, an instance role). */
  credentials: { accessKeyId: string; secretAccessKey: string } | undefined;
}

const OFFSET_DIGITS = 12;
/** A piece's name under its upload: its offset, zero-padded so that names sort as offsets do. */
const PIECE = /^\d{12}$/;

function statusOf(error: unknown): number | undefined {
  return (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
}

function notFound(error: unknown): boolean {
  return statusOf(error) === 404 || (error instanceof S3ServiceException && error.name === 'NoSuchKey');
}

export class S3Backend implements BlobBackend {
  readonly kind = 's3';
  readonly location: string;
  private readonly client: S3Client;
  private readonly bucket: string;
  private readonly prefix: string;

  constructor(settings: S3Settings) {
    this.bucket = settings.bucket;
    this.prefix = settings.prefix;
    this.location = `${settings.endpoint ?? `s3.${settings.region}`} bucket ${settings.bucket}`;
    this.client = new S3Client({
      endpoint: settings.endpoint,
      region: settings.region,
      forcePathStyle: settings.pathStyle,
      credentials: settings.credentials,
      // Checksums only where the protocol requires them: several S3-compatible stores refuse the newer headers.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
      // An unreachable endpoint stops the start in seconds, not minutes.
      requestHandler: { connectionTimeout: 5000, requestTimeout: 60_000 },
    });
  }

  private blobKey(sha256: string): string {
    return `${this.prefix}blobs/${sha256}`;
  }

  private partPrefix(sha256: string): string {
    return `${this.prefix}incoming/${sha256}/`;
  }

  private pieceKey(sha256: string, at: number): string {
    return `${this.partPrefix(sha256)}${String(at).padStart(OFFSET_DIGITS, '0')}`;
  }

  /** A bucket that is missing or refuses these credentials stops the start: a write, a read and a delete are tried. */
  async check(): Promise<void> {
    const where = `the S3 bucket "${this.bucket}" at ${this.location}`;
    try {
      await this.client.send(new HeadBucketCommand({ Bucket: this.bucket }));
      const probe = `${this.prefix}tongban-start-check/${randomUUID()}`;
      await this.client.send(new PutObjectCommand({ Bucket: this.bucket, Key: probe, Body: 'ok' }));
      await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: probe }));
      await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: probe }));
    } catch (error) {
      const status = statusOf(error);
      if (status === 404) {
        throw new BlobStoreError(`${where} does not exist: create it, or set TONGBAN_S3_BUCKET to one that does.`);
      }
      if (status === 403 || status === 401) {
        throw new BlobStoreError(
          `${where} refuses access (${status}): check TONGBAN_S3_ACCESS_KEY_ID, TONGBAN_S3_SECRET_ACCESS_KEY ` +
            'and that the key may read, write and delete objects in it.',
        );
      }
      const cause = status ? `${status}` : (error as Error).name;
      throw new BlobStoreError(`Cannot use ${where} (${cause}): check TONGBAN_S3_ENDPOINT and TONGBAN_S3_REGION.`);
    }
  }

  /** The bucket answers for these credentials; start's check() already wrote, read and deleted in it. */
  async ready(): Promise<void> {
    await this.client.send(new HeadBucketCommand({ Bucket: this.bucket }));
  }

  private async object(key: string): Promise<Buffer | null> {
    try {
      const answer = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }));
      return Buffer.from(await answer.Body!.transformToByteArray());
    } catch (error) {
      if (notFound(error)) return null;
      throw error;
    }
  }

  private async putObject(key: string, bytes: Uint8Array): Promise<void> {
    await this.client.send(new PutObjectCommand({ Bucket: this.bucket, Key: key, Body: bytes }));
  }

  private async deleteObject(key: string): Promise<void> {
    await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: key }));
  }

  /** Every key under `prefix` with its size. */
  private async keys(prefix: string): Promise<{ key: string; size: number }[]> {
    const found: { key: string; size: number }[] = [];
    let token: string | undefined;
    do {
      const page = await this.client.send(
        new ListObjectsV2Command({ Bucket: this.bucket, Prefix: prefix, ContinuationToken: token }),
      );
      for (const item of page.Contents ?? []) found.push({ key: item.Key!, size: item.Size ?? 0 });
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
    return found;
  }

  /** The upload's pieces, by offset. */
  private async pieces(sha256: string): Promise<{ key: string; at: number; size: number }[]> {
    const prefix = this.partPrefix(sha256);
    return (await this.keys(prefix))
      .filter(({ key }) => PIECE.test(key.slice(prefix.length)))
      .map(({ key, size }) => ({ key, size, at: Number(key.slice(prefix.length)) }))
      .sort((a, b) => a.at - b.at);
  }

  async writePart(sha256: string, keep: number, offset: number, bytes: Uint8Array): Promise<void> {
    for (const piece of await this.pieces(sha256)) {
      if (piece.at >= keep) await this.deleteObject(piece.key);
      else if (piece.at + piece.size > keep) {
        // An object cannot be cut in place: it is written again, shorter.
        const held = await this.object(piece.key);
        if (held) await this.putObject(piece.key, held.subarray(0, keep - piece.at));
      }
    }
    if (bytes.length > 0) await this.putObject(this.pieceKey(sha256, offset), bytes);
  }

  async readPart(sha256: string): Promise<Buffer> {
    // Only what runs on from 0 without a gap: a missing piece leaves the rest out, and the hash check refuses it.
    const bytes: Buffer[] = [];
    let next = 0;
    for (const piece of await this.pieces(sha256)) {
      if (piece.at !== next) break;
      const held = await this.object(piece.key);
      if (!held) break;
      bytes.push(held);
      next += held.length;
    }
    return Buffer.concat(bytes);
  }

  partKey(sha256: string): Promise<Buffer | null> {
    return this.object(`${this.partPrefix(sha256)}key`);
  }

  savePartKey(sha256: string, sealed: Uint8Array): Promise<void> {
    return this.putObject(`${this.partPrefix(sha256)}key`, sealed);
  }

  async dropPart(sha256: string): Promise<void> {
    for (const { key } of await this.keys(this.partPrefix(sha256))) await this.deleteObject(key);
  }

  put(sha256: string, sealed: Uint8Array): Promise<void> {
    return this.putObject(this.blobKey(sha256), sealed);
  }

  /** An object store has no shared commit: each blob is its own PUT, all under way at once. */
  async putMany(blobs: readonly SealedBlob[]): Promise<void> {
    await Promise.all(
      blobs.map(async (blob) => {
        await this.put(blob.sha256, sealedBytes(blob));
        await this.dropPart(blob.sha256);
      }),
    );
  }

  get(sha256: string): Promise<Buffer | null> {
    return this.object(this.blobKey(sha256));
  }

  async has(sha256: string): Promise<boolean> {
    try {
      await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: this.blobKey(sha256) }));
      return true;
    } catch (error) {
      if (notFound(error)) return false;
      throw error;
    }
  }

  remove(sha256: string): Promise<void> {
    return this.deleteObject(this.blobKey(sha256));
  }

  async list(): Promise<string[]> {
    const prefix = `${this.prefix}blobs/`;
    return (await this.keys(prefix))
      .map(({ key }) => key.slice(prefix.length))
      .filter((name) => SHA256_NAME.test(name));
  }

  async close(): Promise<void> {
    this.client.destroy();
  }
}
