// One ID-card read over the SAM protocol: find the card, select it, read its
// text and photo, each answer awaited with a deadline. The drivers (serial port,
// simulator) hand this a byte stream; what comes back is a whole identity or a
// typed refusal, never part of one.
import type { Duplex } from 'node:stream';
import type { ChipIdentity } from '../../../../shared/rpc/methods/id-card.ts';
import { CardTextError, decodeCardText, TEXT_BYTES } from './card-text.ts';
import { decodeResponse, encodeRequest, FrameParser, STATUS, type CommandName, type Response } from './protocol.ts';

/** Why a read gave no identity; the clerk's status line says each in words. */
export const REFUSALS = [
  'no_card', // nothing on the reader
  'lifted', // found, then gone before it was read
  'bad_checksum', // an answer failed its checksum: a noisy line or a reader fault
  'bad_status', // the reader answered a status the read cannot go on from
  'bad_data', // a well-formed answer whose card text does not hold together
  'unsupported_card', // a card type this driver does not read
  'timeout', // no answer in time
  'unplugged', // the port is gone, or closed under the read
  'port_denied', // the port exists but this user may not open it (Linux: the dialout group)
] as const;
export type IdCardRefusal = (typeof REFUSALS)[number];

export interface CardRead {
  identity: Omit<ChipIdentity, 'expired' | 'photo'>;
  /** The card's photo as the chip stores it (WLT, 1024 bytes); null when the card returned none. */
  wlt: Buffer | null;
}

export type ReadResult = { ok: true; card: CardRead } | { ok: false; refusal: IdCardRefusal; status?: string };

export interface IdCardReader {
  /** One card read; an aborted signal ends it as a timeout. */
  read(signal: AbortSignal): Promise<ReadResult>;
}

export class ReadRefused extends Error {
  readonly refusal: IdCardRefusal;
  readonly status: string | undefined;
  constructor(refusal: IdCardRefusal, status?: string) {
    super(`ID card read refused: ${refusal}${status ? ` (${status})` : ''}`);
    this.name = 'ReadRefused';
    this.refusal = refusal;
    this.status = status;
  }
}

/** An answer takes a reader well under a second; the text and photo about one at 115200 baud. */
export const ANSWER_TIMEOUT_MS = 3_000;
const PHOTO_BYTES = 1024;

/** Sends one command and waits for its answer on the stream. */
function exchange(port: Duplex, parser: FrameParser, command: CommandName, signal: AbortSignal): Promise<Response> {
  return new Promise<Response>((resolve, reject) => {
    const finish = (settle: () => void): void => {
      port.off('data', onData);
      port.off('close', onClose);
      port.off('error', onClose);
      signal.removeEventListener('abort', onAbort);
      clearTimeout(timer);
      settle();
    };
    const onData = (chunk: Buffer): void => {
      const parsed = parser.push(chunk);
      // Noise that looked like a frame's start comes out as a corrupt frame before the real one: the real one wins.
      const frame = parsed.find((item) => item.kind === 'frame');
      if (frame) {
        if (frame.body.length < 3) return finish(() => reject(new ReadRefused('bad_data')));
        const response = decodeResponse(frame.body);
        return finish(() => resolve(response));
      }
      if (parsed.length > 0) finish(() => reject(new ReadRefused('bad_checksum')));
    };
    const onClose = (): void => finish(() => reject(new ReadRefused('unplugged')));
    const onAbort = (): void => finish(() => reject(new ReadRefused('timeout')));
    const timer = setTimeout(onAbort, ANSWER_TIMEOUT_MS);
    if (signal.aborted) return onAbort();
    if (port.destroyed || !port.writable) return onClose();
    parser.reset();
    port.on('data', onData);
    port.once('close', onClose);
    port.once('error', onClose);
    signal.addEventListener('abort', onAbort, { once: true });
    port.write(encodeRequest(command));
  });
}

/** The read command's data: text, photo (and fingerprint) lengths, then each part. */
export function splitReadData(data: Buffer, withFingerprint: boolean): { text: Buffer; wlt: Buffer | null } {
  const lengths = withFingerprint ? 3 : 2;
  if (data.length < lengths * 2) throw new ReadRefused('bad_data');
  const textLength = data.readUInt16BE(0);
  const photoLength = data.readUInt16BE(2);
  const fingerprintLength = withFingerprint ? data.readUInt16BE(4) : 0;
  const offset = lengths * 2;
  if (
    textLength !== TEXT_BYTES ||
    (photoLength !== PHOTO_BYTES && photoLength !== 0) ||
    data.length !== offset + textLength + photoLength + fingerprintLength
  ) {
    throw new ReadRefused('bad_data');
  }
  const text = data.subarray(offset, offset + textLength);
  const wlt = photoLength ? Buffer.from(data.subarray(offset + textLength, offset + textLength + photoLength)) : null;
  // The fingerprint templates are never kept: nothing at the window compares fingerprints.
  return { text: Buffer.from(text), wlt };
}

/** Find, select, read on an open byte stream. Throws ReadRefused. */
export async function readCardOver(port: Duplex, signal: AbortSignal): Promise<CardRead> {
  const parser = new FrameParser();
  const found = await exchange(port, parser, 'findCard', signal);
  if (found.sw3 === STATUS.find_failed) throw new ReadRefused('no_card');
  if (found.sw3 !== STATUS.card_found) throw new ReadRefused('bad_status', found.status);
  const selected = await exchange(port, parser, 'selectCard', signal);
  // Found a moment ago: a card that cannot be selected now has been taken away.
  if (selected.sw3 === STATUS.select_failed) throw new ReadRefused('lifted');
  if (selected.sw3 !== STATUS.ok) throw new ReadRefused('bad_status', selected.status);
  const read = await exchange(port, parser, 'readTextPhoto', signal);
  if (read.sw3 === STATUS.read_failed) throw new ReadRefused('lifted');
  if (read.sw3 !== STATUS.ok) throw new ReadRefused('bad_status', read.status);
  const { text, wlt } = splitReadData(read.data, false);
  try {
    return { identity: decodeCardText(text), wlt };
  } catch (error) {
    if (error instanceof CardTextError) throw new ReadRefused(error.problem);
    throw error;
  }
}

/** A driver's read as a result: a refusal is an answer, anything else a bug that propagates. */
export async function asResult(read: () => Promise<CardRead>): Promise<ReadResult> {
  try {
    return { ok: true, card: await read() };
  } catch (error) {
    if (error instanceof ReadRefused) {
      return { ok: false, refusal: error.refusal, ...(error.status ? { status: error.status } : {}) };
    }
    throw error;
  }
}
