// A vendor's reader service on this machine, for halls whose reader speaks
// nothing this build reads directly (a vendor SDK wrapped in a small local
// service). It answers one request with the SAM read's own parts, so the card
// text is checked here exactly as from the serial line:
//
//   POST <url>/read  →  200 {"status": 144, "text": "<base64 of 256 bytes>", "photo": "<base64 of WLT or empty>"}
//
// status is the SAM's SW3 (144 = 0x90 read, 128 = 0x80 no card, 65 = 0x41 lifted…).
// Only 127.0.0.1 and [::1] are accepted: the card's data does not leave the
// machine.
import { loopbackPadUrl } from '../signature-pad.ts';
import { CardTextError, decodeCardText } from './card-text.ts';
import { STATUS, statusName } from './protocol.ts';
import { asResult, ReadRefused, type IdCardReader, type ReadResult } from './reader.ts';

/** Text, photo and JSON around them are under 2 KB; more is not a card read. */
const MAX_ANSWER_BYTES = 64 * 1024;

/** A literal loopback address only: "localhost" would go through name resolution a hosts file can turn elsewhere. */
export function loopbackReaderUrl(text: string): string | null {
  const local = loopbackPadUrl(text);
  return local && new URL(local).hostname !== 'localhost' ? local : null;
}

function base64Of(value: unknown): Buffer {
  if (typeof value !== 'string' || !/^[A-Za-z0-9+/]*={0,2}$/.test(value) || value.length % 4 !== 0) {
    throw new ReadRefused('bad_data');
  }
  return Buffer.from(value, 'base64');
}

export class LoopbackIdCardReader implements IdCardReader {
  private readonly url: string;

  constructor(url: string) {
    const local = loopbackReaderUrl(url);
    if (!local) throw new Error('An ID-card reader service must be on this machine (http on loopback).');
    this.url = `${local}/read`;
  }

  read(signal: AbortSignal): Promise<ReadResult> {
    return asResult(async () => {
      let response: Response;
      try {
        response = await fetch(this.url, { method: 'POST', signal, redirect: 'error' });
      } catch {
        throw new ReadRefused(signal.aborted ? 'timeout' : 'unplugged');
      }
      if (!response.ok) throw new ReadRefused('unplugged');
      const body = Buffer.from(await response.arrayBuffer());
      if (body.length > MAX_ANSWER_BYTES) throw new ReadRefused('bad_data');
      let answer: { status?: unknown; text?: unknown; photo?: unknown };
      try {
        answer = JSON.parse(body.toString('utf8')) as typeof answer;
      } catch {
        throw new ReadRefused('bad_data');
      }
      if (answer.status === STATUS.find_failed) throw new ReadRefused('no_card');
      if (answer.status === STATUS.read_failed || answer.status === STATUS.select_failed)
        throw new ReadRefused('lifted');
      if (answer.status !== STATUS.ok) {
        throw new ReadRefused('bad_status', typeof answer.status === 'number' ? statusName(answer.status) : 'unlisted');
      }
      const photo = base64Of(answer.photo ?? '');
      if (photo.length !== 0 && photo.length !== 1024) throw new ReadRefused('bad_data');
      try {
        return { identity: decodeCardText(base64Of(answer.text)), wlt: photo.length ? photo : null };
      } catch (error) {
        if (error instanceof CardTextError) throw new ReadRefused(error.problem);
        throw error;
      }
    });
  }
}
