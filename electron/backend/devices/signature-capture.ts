// The window's signature pad: which one (a setting the administrator keeps),
// and a signature taken on it, stored as a file a case event can refer to.
// The signature itself never reaches the log or the audit detail.
import { createHash } from 'node:crypto';
import type { DatabaseSync } from 'node:sqlite';
import type { Scan } from '../../../shared/rpc/contract.ts';
import { rejected } from '../../../shared/rpc/framing.ts';
import { log } from '../log.ts';
import { audit } from '../services/audit.ts';
import type { BlobStore } from '../services/blobs.ts';
import { getSetting, setSetting } from '../store/settings.ts';
import { HttpSignaturePad, loopbackPadUrl, SignaturePadError } from './signature-pad.ts';

/** Empty when the administrator turned the pad off. */
const URL_SETTING = 'devices.signature_pad_url';
/** A person reads the prompt and signs in well under two minutes; past this the pad is not going to answer. */
export const SIGNING_TIMEOUT_MS = 150_000;

export interface SignaturePadStatus {
  configured: boolean;
  url: string | null;
}

export class SignatureCapture {
  private readonly db: DatabaseSync;
  private readonly blobs: BlobStore;

  constructor(db: DatabaseSync, blobs: BlobStore) {
    this.db = db;
    this.blobs = blobs;
  }

  status(): SignaturePadStatus {
    const url = getSetting(this.db, URL_SETTING) || null;
    return { configured: url !== null, url };
  }

  configure(url: string | null, userId: string): SignaturePadStatus {
    const local = url === null ? '' : loopbackPadUrl(url);
    if (local === null) {
      throw rejected(
        'signature_pad_not_local',
        'The signature pad must be on this machine (127.0.0.1, localhost or [::1]).',
      );
    }
    setSetting(this.db, URL_SETTING, local);
    audit(this.db, { userId, action: 'device.signature_pad', detail: { url: local || null } });
    return this.status();
  }

  async capture(prompt: string, userId: string): Promise<Scan> {
    const png = await this.take(prompt);
    const sha256 = this.blobs.put(png, 'image/png', null);
    audit(this.db, { userId, action: 'signature.capture', detail: { sha256, size: png.length } });
    return this.blobs.describe(sha256)!;
  }

  /**
   * A signature to be drawn into a document the window then keeps as a scan
   * (the signed application form): handed back, not stored on its own.
   */
  async captureForDocument(prompt: string, userId: string, document: string): Promise<Buffer> {
    const png = await this.take(prompt);
    const sha256 = createHash('sha256').update(png).digest('hex');
    audit(this.db, { userId, action: 'signature.capture', detail: { sha256, size: png.length, document } });
    return png;
  }

  private async take(prompt: string): Promise<Buffer> {
    const { url } = this.status();
    if (url === null) throw rejected('signature_pad_not_configured', 'No signature pad is configured.');
    const signal = AbortSignal.timeout(SIGNING_TIMEOUT_MS);
    const { png } = await new HttpSignaturePad(url).capture(prompt, signal).catch((error: unknown) => {
      const kind = error instanceof SignaturePadError ? error.kind : signal.aborted ? 'timeout' : null;
      if (kind === null) throw error;
      log.warn('signature_pad.capture_failed', { kind });
      if (kind === 'cancelled') throw rejected('signature_cancelled', 'The signature was cancelled or left empty.');
      if (kind === 'invalid') throw rejected('signature_invalid', 'The signature pad did not send a PNG image.');
      throw rejected('signature_pad_unreachable', 'The signature pad did not answer.', { url });
    });
    return png;
  }
}
