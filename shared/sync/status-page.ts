// "Where is my case?": the public status page of the handling region's
// exchange server, opened with the case number and the short code printed on
// the receipt. Declared once: the server answers with these shapes and
// generates its OpenAPI document from them; the device builds the receipt's
// QR code with statusPageUrl. The answer names nothing personal: no name, no
// ID number, no address — only where the case stands.
import { z } from 'zod';
import type { CaseStatusCode, SubState } from '../case/status.ts';
import { CASE_STATUSES } from '../case/status.ts';
import { LANGUAGES, type Language } from '../languages.ts';
import { localizedText } from '../catalog/schema.ts';

export const STATUS_PAGE_PATH = '/status';
export const STATUS_API_PATH = '/v1/status';

/** Where the applicant collects the result: the window that took the case in, the handling place, or by post. */
export const COLLECT_PLACES = ['intake_window', 'handling_place', 'post'] as const;
export type CollectPlace = (typeof COLLECT_PLACES)[number];

/**
 * What the applicant does or waits for next: the handling place's decision on
 * acceptance, the corrections asked for, the result, collecting it (or the
 * post), nothing more.
 */
export const NEXT_STEPS = [
  'await_acceptance',
  'supply_corrections',
  'await_result',
  'collect',
  'await_post',
  'none',
] as const;
export type NextStep = (typeof NEXT_STEPS)[number];

/** The stages of the paper after a conclusion the server learns from events (the transitions' sub-states). */
const FINISHED_STAGES: readonly (SubState | null)[] = ['collected'];
const CONCLUDED: readonly CaseStatusCode[] = [4, 5, 11, 12, 13];
const ENDED: readonly CaseStatusCode[] = [2, 14, 15];

export function nextStep(status: CaseStatusCode, stage: SubState | null, collect: CollectPlace): NextStep {
  if (ENDED.includes(status)) return 'none';
  if (status === 1 || status === 7) return 'await_acceptance';
  if (status === 6) return 'supply_corrections';
  if (!CONCLUDED.includes(status)) return 'await_result';
  if (FINISHED_STAGES.includes(stage)) return 'none';
  return collect === 'post' ? 'await_post' : 'collect';
}

const caseNoText = z.string().trim().min(1).max(40);

export const statusQuery = z.object({
  case: caseNoText.describe('The case number printed on the receipt.'),
  code: z.string().trim().min(1).max(20).describe('The short code printed beside it.'),
});

export const statusPageQuery = z.object({
  case: caseNoText.optional().describe('The case number; without it the page shows its form.'),
  code: z.string().trim().max(20).optional(),
  lang: z.enum(LANGUAGES).optional().describe('The language; else the browser’s, else simplified Chinese.'),
});

const statusCodes = Object.keys(CASE_STATUSES).map(Number) as CaseStatusCode[];

export const statusResponse = z.object({
  caseNo: z.string(),
  matter: localizedText.describe("The matter's name, or its id where this server's catalog lacks it."),
  status: z
    .number()
    .int()
    .refine((n) => statusCodes.includes(n as CaseStatusCode)),
  statusName: z.enum(Object.values(CASE_STATUSES) as [string, ...string[]]),
  /** The local day the status was reached. */
  statusDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  nextStep: z.enum(NEXT_STEPS),
  collect: z.enum(COLLECT_PLACES),
  intakeRegion: z.string(),
  handlingRegion: z.string(),
});
export type StatusResponse = z.infer<typeof statusResponse>;

/** The page's address for a case, as the receipt's QR code encodes it: the server's base URL, the number and code. */
export function statusPageUrl(serverUrl: string, caseNo: string, code: string, language?: Language): string {
  const url = new URL(STATUS_PAGE_PATH, serverUrl);
  url.searchParams.set('case', caseNo);
  url.searchParams.set('code', code);
  if (language) url.searchParams.set('lang', language);
  return url.toString();
}
