// The applicant's own screen (申请人确认屏): the clerk pairs a second screen
// with the intake in progress, and the applicant checks what was typed,
// acknowledges the privacy notice, signs, points at what is wrong and, after
// the submission, rates the service. The clerk's methods need the intake
// permission; the applicant's are callable without a login but act only with
// the pairing token a code was redeemed for, and only on that one intake.
import { z } from 'zod';
import { ratingInputSchema } from '../../case/rating.ts';
import { DELIVERY_METHODS } from '../../case/delivery.ts';
import { identityKindSchema } from '../../identity/validate.ts';
import { languageSchema } from '../../languages.ts';
import { isoDate, ok, regionCode, type MethodSpec } from './common.ts';

/** Six digits: typed on a touch screen's keypad as easily as on a keyboard. */
export const PAIRING_CODE_LENGTH = 6;
export const pairingCodeSchema = z.string().regex(/^\d{6}$/);

/** A field the applicant may call wrong: the clerk's wizard is sent to its step and focuses it. */
export const flaggableFieldSchema = z
  .string()
  .regex(/^(matter|delivery|(applicant|agent)\.(name|idNumber|phone|address)|materials\.[^\n]{1,64})$/);

const person = z.object({
  name: z.string().max(200),
  idKind: identityKindSchema,
  idNumber: z.string().max(64),
  phone: z.string().max(64),
  address: z.string().max(500),
});

/** What the clerk's wizard holds, sent as typed; the backend masks it before the applicant sees it. */
export const applicantContentSchema = z.object({
  matterId: z.string().max(64).nullable(),
  language: languageSchema,
  handlingRegion: regionCode.nullable(),
  applicant: person,
  agent: person.nullable(),
  materials: z
    .array(
      z.object({
        materialId: z.string().max(64),
        outcome: z.enum(['received', 'waived', 'deferred', 'not_provided']),
        dueDate: isoDate.optional(),
      }),
    )
    .max(200),
  delivery: z.enum(DELIVERY_METHODS).nullable(),
});
export type ApplicantContent = z.infer<typeof applicantContentSchema>;

const viewRow = z.object({ field: flaggableFieldSchema, value: z.string() });

/** The applicant's page: masked as the receipt masks, material and matter names in the applicant's language. */
export const applicantViewSchema = z.object({
  pairingId: z.string(),
  phase: z.enum(['paired', 'submitted']),
  language: languageSchema,
  rows: z.array(viewRow),
  received: z.array(z.object({ field: flaggableFieldSchema, name: z.string() })),
  deferred: z.array(z.object({ field: flaggableFieldSchema, name: z.string(), dueDate: z.string().nullable() })),
  /** What the privacy notice states; null until the clerk has chosen the matter or the settings are made. */
  notice: z
    .object({
      version: z.string(),
      retentionYears: z.number(),
      contact: z.string(),
      hall: z.string(),
      window: z.string(),
      intakeRegion: z.string(),
      handlingRegion: z.string().nullable(),
      /** Who receives the data there, from the register of authorities; null: named by its region only. */
      authority: z.string().nullable(),
      matter: z.string(),
    })
    .nullable(),
  acknowledgedAt: z.string().nullable(),
  signed: z.boolean(),
  flagged: flaggableFieldSchema.nullable(),
  caseNo: z.string().nullable(),
  rating: z.number().nullable(),
});
export type ApplicantView = z.infer<typeof applicantViewSchema>;

export const PAIRING_PHASES = ['waiting', 'paired', 'submitted', 'closed'] as const;
/** Why a pairing closed: the intake ended, a code expired unused, or too many wrong codes were tried. */
export const PAIRING_CLOSE_REASONS = ['ended', 'expired', 'guessing'] as const;

/** The clerk's side of a pairing: the code to show, and what the applicant has done. */
export const pairingStateSchema = z.object({
  pairingId: z.string(),
  draftId: z.string(),
  phase: z.enum(PAIRING_PHASES),
  code: pairingCodeSchema.nullable(),
  codeExpiresAt: z.string().nullable(),
  closedReason: z.enum(PAIRING_CLOSE_REASONS).nullable(),
  acknowledgedAt: z.string().nullable(),
  signedAt: z.string().nullable(),
  flag: z.object({ field: flaggableFieldSchema, at: z.string() }).nullable(),
  rating: z.object({ rating: z.number(), at: z.string() }).nullable(),
});
export type PairingState = z.infer<typeof pairingStateSchema>;

const pairingRef = z.object({ pairingId: z.uuid() });

export const applicantScreenMethods = {
  // A new code for the draft in progress; any other pairing of this clerk's session ends.
  'applicantScreen.open': {
    permission: 'intake.create',
    input: z.object({ draftId: z.uuid() }),
    output: pairingStateSchema,
  },
  'applicantScreen.state': { permission: 'intake.create', input: pairingRef, output: pairingStateSchema },
  // What the wizard holds now, for the applicant's page.
  'applicantScreen.show': {
    permission: 'intake.create',
    input: pairingRef.extend({ content: applicantContentSchema }),
    output: ok,
  },
  // The applicant's signature (PNG, base64), handed over once to be drawn into the application form.
  'applicantScreen.takeSignature': {
    permission: 'intake.create',
    input: pairingRef,
    output: z.object({ png: z.string() }),
  },
  'applicantScreen.close': { permission: 'intake.create', input: pairingRef, output: ok },

  // The applicant's page: the code for a token, then every call carries the token as its session.
  'applicantScreen.redeem': {
    permission: 'public',
    input: z.object({ code: z.string().max(20) }),
    output: z.object({ token: z.string() }),
  },
  'applicantScreen.view': { permission: 'public', input: z.object({}).strict(), output: applicantViewSchema },
  'applicantScreen.acknowledge': { permission: 'public', input: z.object({}).strict(), output: applicantViewSchema },
  'applicantScreen.sign': {
    permission: 'public',
    input: z.object({ png: z.string().max(2_000_000) }),
    output: applicantViewSchema,
  },
  'applicantScreen.flag': {
    permission: 'public',
    input: z.object({ field: z.string().max(100) }),
    output: applicantViewSchema,
  },
  'applicantScreen.rate': { permission: 'public', input: ratingInputSchema, output: applicantViewSchema },
} as const satisfies Record<string, MethodSpec>;
