// Group commit of whole blobs: scans that arrive while a group is being kept
// wait for it, then go together in the next — one durable write of the bytes
// (one transaction with the PostgreSQL back end) and one transaction recording
// them, however many arrived at once. Each upload is acknowledged only after
// its group's bytes are durable and recorded; a group that fails is retried
// blob by blob, so one bad blob fails no other.
import type { BlobStore } from './blob-store/sealed-blobs.ts';
import { sealedSize, type SealedBlob } from './blob-store/contract.ts';
import type { BlobRecord, ServerStore } from './storage/contract.ts';

/** Enough to share a commit among the uploads in flight, few enough to keep a group's memory small. */
const MAX_GROUP_BYTES = 16 * 1024 * 1024;
/** And a bound on the count, so that one statement of a group's chunks stays far below PostgreSQL's parameters. */
const MAX_GROUP_BLOBS = 256;

interface WaitingBlob {
  blob: SealedBlob;
  record: BlobRecord;
  resolve(): void;
  reject(error: unknown): void;
}

export class BlobCommits {
  private readonly store: ServerStore;
  private readonly blobs: BlobStore;
  private waiting: WaitingBlob[] = [];
  private running = false;

  constructor(store: ServerStore, blobs: BlobStore) {
    this.store = store;
    this.blobs = blobs;
  }

  /** Keeps a verified, sealed blob and records it; resolves once both are durable. */
  keep(blob: SealedBlob, record: BlobRecord): Promise<void> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ blob, record, resolve, reject });
      if (!this.running) void this.run();
    });
  }

  private async run(): Promise<void> {
    this.running = true;
    while (this.waiting.length > 0) {
      // The first blob always goes; the next ones while the group stays within both bounds.
      let bytes = sealedSize(this.waiting[0]!.blob);
      let count = 1;
      while (count < Math.min(this.waiting.length, MAX_GROUP_BLOBS)) {
        const next = sealedSize(this.waiting[count]!.blob);
        if (bytes + next > MAX_GROUP_BYTES) break;
        bytes += next;
        count += 1;
      }
      await this.commit(this.waiting.splice(0, count));
    }
    this.running = false;
  }

  private async commit(group: WaitingBlob[]): Promise<void> {
    try {
      await this.blobs.keepMany(group.map((waiting) => waiting.blob));
      await this.store.completeBlobs(group.map((waiting) => waiting.record));
      for (const waiting of group) waiting.resolve();
    } catch (error) {
      if (group.length === 1) group[0]!.reject(error);
      else for (const waiting of group) await this.commit([waiting]);
    }
  }
}
