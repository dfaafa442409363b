// The window's ID-card reader: which one (a setting the administrator keeps),
// a card read for the clerk, and the check that an identity a submission says
// was read from the chip was read here by that clerk. The card's data never
// reaches the log or the audit detail; its photo is never stored.
import { createHash } from 'node:crypto';
import { execFile } from 'node:child_process';
import { isAbsolute } from 'node:path';
import type { DatabaseSync } from 'node:sqlite';
import type { IdentitySource } from '../../../../shared/case/identity-source.ts';
import type { IntakeSubmission } from '../../../../shared/case/intake.ts';
import { localDay } from '../../../../shared/local-time.ts';
import type { ChipIdentity, IdCardReaderSetting } from '../../../../shared/rpc/methods/id-card.ts';
import { idCardReaderSettingSchema } from '../../../../shared/rpc/methods/id-card.ts';
import { rejected } from '../../../../shared/rpc/framing.ts';
import { log } from '../../log.ts';
import { audit } from '../../services/audit.ts';
import { getSetting, setSetting } from '../../store/settings.ts';
import { FIXTURE_CARD_NAMES } from './fixtures.ts';
import { LoopbackIdCardReader, loopbackReaderUrl } from './loopback.ts';
import type { CardRead, IdCardReader } from './reader.ts';
import { SerialIdCardReader } from './serial.ts';
import { SimulatedIdCardReader } from './simulator.ts';

const READER_SETTING = 'devices.id_card_reader';
const DECODER_SETTING = 'devices.id_card_photo_decoder';
/** Find, select and read take about a second; past this the reader is not going to answer. */
export const READ_TIMEOUT_MS = 10_000;
/** A vendor's WLT decoder turns 1024 bytes into a small image at once. */
const DECODER_TIMEOUT_MS = 5_000;
/** A card photo is 102×126 pixels: even as an uncompressed BMP it is under 40 KB; its data URL must fit the answer. */
const MAX_PHOTO_BYTES = 140_000;
/** A chip read vouches for a submission this long: the applicant is still at the window. */
const READ_VALID_MS = 2 * 60 * 60 * 1000;

/** Linux and macOS device paths, or a Windows COM port. */
const SERIAL_PATH = /^(\/dev\/[A-Za-z0-9._/-]+|COM[1-9][0-9]{0,2})$/;

interface RememberedRead {
  fingerprint: string;
  source: Extract<IdentitySource, { source: 'chip' }>;
  at: number;
}

function fingerprint(person: { idKind: string; idNumber: string; name: string }): string {
  return createHash('sha256').update(`${person.idKind}\n${person.idNumber}\n${person.name}`).digest('hex');
}

export interface IdCardReaderStatus {
  reader: IdCardReaderSetting;
  photoDecoder: string | null;
  simulatorCards: string[];
}

export class IdCardService {
  private readonly db: DatabaseSync;
  /** Each clerk's last card read, kept in memory only and as a hash: what a chip-read submission is checked against. */
  private readonly lastReads = new Map<string, RememberedRead>();

  constructor(db: DatabaseSync) {
    this.db = db;
  }

  status(): IdCardReaderStatus {
    const stored = getSetting(this.db, READER_SETTING);
    const parsed = stored ? idCardReaderSettingSchema.safeParse(JSON.parse(stored)) : null;
    return {
      reader: parsed?.success ? parsed.data : { kind: 'none' },
      photoDecoder: getSetting(this.db, DECODER_SETTING) || null,
      simulatorCards: [...FIXTURE_CARD_NAMES],
    };
  }

  configure(reader: IdCardReaderSetting, photoDecoder: string | null, userId: string): IdCardReaderStatus {
    let setting = reader;
    if (reader.kind === 'serial' && !SERIAL_PATH.test(reader.path)) {
      throw rejected('id_card_reader_port_invalid', 'A serial port is a device path like /dev/ttyUSB0 or COM3.', {
        path: reader.path,
      });
    }
    if (reader.kind === 'loopback') {
      const url = loopbackReaderUrl(reader.url);
      if (!url) throw rejected('id_card_reader_not_local', 'An ID-card reader service must be on 127.0.0.1 or [::1].');
      setting = { kind: 'loopback', url };
    }
    if (reader.kind === 'simulator' && !FIXTURE_CARD_NAMES.some((name) => name === reader.card)) {
      throw rejected('id_card_simulator_card_unknown', 'The simulator has no such card.', {
        cards: FIXTURE_CARD_NAMES.join(', '),
      });
    }
    if (photoDecoder !== null && photoDecoder !== '' && !isAbsolute(photoDecoder)) {
      throw rejected('id_card_photo_decoder_invalid', 'The photo decoder must be given by its full path.');
    }
    setSetting(this.db, READER_SETTING, JSON.stringify(setting));
    setSetting(this.db, DECODER_SETTING, photoDecoder ?? '');
    // Paths and addresses are the hall's equipment, not personal data.
    audit(this.db, {
      userId,
      action: 'id_card.reader',
      detail: { reader: setting, photoDecoder: Boolean(photoDecoder) },
    });
    return this.status();
  }

  private driver(): IdCardReader {
    const { reader } = this.status();
    switch (reader.kind) {
      case 'none':
        throw rejected('id_card_reader_not_configured', 'No ID-card reader is set up on this device.');
      case 'serial':
        return new SerialIdCardReader(reader.path, reader.baudRate);
      case 'loopback':
        return new LoopbackIdCardReader(reader.url);
      case 'simulator': {
        const card = FIXTURE_CARD_NAMES.find((name) => name === reader.card) ?? 'resident';
        return new SimulatedIdCardReader({ card, fault: reader.fault });
      }
    }
  }

  async read(userId: string): Promise<ChipIdentity> {
    const result = await this.driver().read(AbortSignal.timeout(READ_TIMEOUT_MS));
    if (!result.ok) {
      log.warn('id_card.read_refused', { refusal: result.refusal, status: result.status ?? null });
      throw rejected(`id_card_${result.refusal}`, `The ID card could not be read (${result.refusal}).`);
    }
    const { identity } = result.card;
    const expired = identity.validTo !== null && identity.validTo < localDay(new Date());
    this.lastReads.set(userId, {
      fingerprint: fingerprint(identity),
      source: {
        source: 'chip',
        cardType: identity.cardType,
        validFrom: identity.validFrom,
        validTo: identity.validTo,
        expired,
        photoCompared: false,
      },
      at: Date.now(),
    });
    audit(this.db, { userId, action: 'id_card.read', detail: { cardType: identity.cardType, expired } });
    return { ...identity, expired, photo: await this.photo(result.card) };
  }

  /** The card's photo as an image for the clerk's eyes only, where a decoder is configured; never stored. */
  private async photo({ wlt }: CardRead): Promise<ChipIdentity['photo']> {
    if (!wlt) return { status: 'absent' };
    const decoder = this.status().photoDecoder;
    if (!decoder) return { status: 'no_decoder' };
    const image = await new Promise<Buffer | null>((resolve) => {
      const child = execFile(
        decoder,
        [],
        { encoding: 'buffer', timeout: DECODER_TIMEOUT_MS, maxBuffer: MAX_PHOTO_BYTES },
        (error, stdout) => resolve(error ? null : stdout),
      );
      // A decoder that exits without reading closes the pipe: its exit status is the failure reported.
      child.stdin?.on('error', () => undefined);
      child.stdin?.end(wlt);
    });
    const type = image && imageType(image);
    if (!image || !type) {
      log.warn('id_card.photo_decoder_failed');
      return { status: 'decoder_failed' };
    }
    return { status: 'shown', dataUrl: `data:${type};base64,${image.toString('base64')}` };
  }

  /**
   * A submission that says its identity was read from the chip must carry the identity this clerk's last read
   * returned, with that read's card facts; the clerk's confirmation of the photo comparison is theirs to give.
   */
  assertChipRead(userId: string, submission: Pick<IntakeSubmission, 'applicant' | 'identitySource'>): void {
    const claimed = submission.identitySource;
    if (claimed?.source !== 'chip') return;
    const read = this.lastReads.get(userId);
    const fresh = read && Date.now() - read.at <= READ_VALID_MS;
    const same =
      fresh &&
      read.fingerprint === fingerprint(submission.applicant) &&
      read.source.cardType === claimed.cardType &&
      read.source.validFrom === claimed.validFrom &&
      read.source.validTo === claimed.validTo &&
      read.source.expired === claimed.expired;
    if (!same) {
      throw rejected(
        'id_card_read_mismatch',
        'The identity marked as read from the card is not the one last read here; read the card again.',
      );
    }
  }

  /** The photo comparison is recorded on the case and in the audit log. */
  submitted(userId: string, caseId: string, source: IdentitySource | undefined): void {
    if (source?.source !== 'chip') return;
    this.lastReads.delete(userId);
    audit(this.db, {
      userId,
      action: 'id_card.photo_compared',
      target: caseId,
      detail: { cardType: source.cardType, expired: source.expired },
    });
  }
}

function imageType(image: Buffer): string | null {
  if (image.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  if (image[0] === 0xff && image[1] === 0xd8) return 'image/jpeg';
  if (image.subarray(0, 2).toString('latin1') === 'BM') return 'image/bmp';
  return null;
}
