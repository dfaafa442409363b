// The counter's ID-card reader (身份证阅读器): which reader the window has, set
// by the administrator, and a card read for the intake clerk's applicant step.
import { z } from 'zod';
import { ID_CARD_TYPES } from '../../case/identity-source.ts';
import { identityKindSchema } from '../../identity/validate.ts';
import { isoDate, noInput, type MethodSpec } from './common.ts';

/** What the card's chip says, checked field by field; the full number goes to the clerk's own form only. */
export const chipIdentitySchema = z.object({
  cardType: z.enum(ID_CARD_TYPES),
  idKind: identityKindSchema,
  name: z.string().min(1).max(60),
  englishName: z.string().max(60).optional(),
  sex: z.enum(['male', 'female']),
  ethnicity: z.string().max(20).optional(),
  birthDate: isoDate,
  address: z.string().max(100).optional(),
  idNumber: z.string().min(1).max(40),
  authority: z.string().max(30).optional(),
  nationality: z.string().max(3).optional(),
  passNumber: z.string().max(20).optional(),
  validFrom: isoDate,
  // null: 长期, valid for life.
  validTo: isoDate.nullable(),
  // Past its validity on the reading day: the clerk is warned and decides.
  expired: z.boolean(),
  // The card's photo is never stored; it is shown when a decoder is configured (an image as a data URL).
  photo: z.discriminatedUnion('status', [
    z.object({ status: z.literal('shown'), dataUrl: z.string().max(200_000) }),
    z.object({ status: z.enum(['no_decoder', 'decoder_failed', 'absent']) }),
  ]),
});
export type ChipIdentity = z.infer<typeof chipIdentitySchema>;

export const ID_CARD_READER_KINDS = ['none', 'serial', 'loopback', 'simulator'] as const;

/** What the simulator can be told to do wrong, to see the window cope: see the reader folder's README. */
export const SIMULATOR_FAULTS = [
  'none',
  'no_card',
  'bad_checksum',
  'wrong_status',
  'silent',
  'lifted',
  'unplugged',
  'noisy',
] as const;

export const idCardReaderSettingSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('none') }),
  // /dev/ttyUSB0, /dev/ttyACM0, COM3; 115200 8N1 unless the reader was set otherwise.
  z.object({
    kind: z.literal('serial'),
    path: z.string().trim().min(1).max(200),
    baudRate: z.union([z.literal(9600), z.literal(19200), z.literal(38400), z.literal(57600), z.literal(115200)]),
  }),
  // A vendor's reader service on this machine (http on loopback only).
  z.object({ kind: z.literal('loopback'), url: z.string().trim().min(1).max(200) }),
  // The built-in simulator with a card from its fixture set: demos and tests.
  z.object({ kind: z.literal('simulator'), card: z.string().trim().min(1).max(40), fault: z.enum(SIMULATOR_FAULTS) }),
]);
export type IdCardReaderSetting = z.infer<typeof idCardReaderSettingSchema>;

const readerStatusSchema = z.object({
  reader: idCardReaderSettingSchema,
  // The external command that turns the card's WLT photo into an image; null: photos are not shown.
  photoDecoder: z.string().nullable(),
  simulatorCards: z.array(z.string()),
});

export const idCardMethods = {
  'devices.idCardReader': { permission: 'session.own', input: noInput, output: readerStatusSchema },
  'devices.setIdCardReader': {
    permission: 'device.manage',
    input: z.object({ reader: idCardReaderSettingSchema, photoDecoder: z.string().trim().max(300).nullable() }),
    output: readerStatusSchema,
  },
  // Finds, selects and reads the card on the reader; refusals name what went wrong (unplugged, lifted, bad data…).
  'devices.readIdCard': { permission: 'intake.create', input: noInput, output: chipIdentitySchema },
} as const satisfies Record<string, MethodSpec>;
