// Looking a case up for the public status page: the case number and the
// short code from the receipt, checked against the hash the intake window
// sent. A wrong code and an unknown case answer alike (no oracle for which
// case numbers exist), and each costs the client a token of its own small
// bucket: once it is empty, every look-up from that client waits, right code
// or not, so guessing stops.
import { timingSafeEqual } from 'node:crypto';
import { SEED_CATALOG } from '../shared/catalog/index.ts';
import type { LocalizedText } from '../shared/catalog/schema.ts';
import { CASE_STATUSES } from '../shared/case/status.ts';
import { localDay } from '../shared/local-time.ts';
import { nextStep, type StatusResponse } from '../shared/sync/status-page.ts';
import { normaliseStatusCode, statusCodeHash } from '../shared-node/status-code.ts';
import type { RateLimit, TokenBuckets } from './rate-limit.ts';
import type { ServerStore, StatusPageRecord } from './storage/contract.ts';

/** Ten wrong codes at once, then one a minute: a person mistyping is not held up, a guesser is. */
export const DEFAULT_STATUS_RATE_LIMIT: RateLimit = { capacity: 10, perSecond: 1 / 60 };

export type Lookup =
  { kind: 'found'; answer: StatusResponse } | { kind: 'not_found' } | { kind: 'rate_limited'; retryAfter: number };

const sameHash = (a: string, b: string): boolean => timingSafeEqual(Buffer.from(a, 'hex'), Buffer.from(b, 'hex'));

async function matterName(store: ServerStore, matterId: string): Promise<LocalizedText> {
  const catalogs = (await store.catalog())?.catalogs ?? [SEED_CATALOG];
  const matter = catalogs.flatMap((c) => c.matters).find((m) => m.id === matterId);
  return matter?.names ?? { 'zh-CN': matterId, 'zh-TW': matterId, en: matterId };
}

async function answerOf(store: ServerStore, page: StatusPageRecord): Promise<StatusResponse> {
  return {
    caseNo: page.caseNo,
    matter: await matterName(store, page.matterId),
    status: page.status,
    statusName: CASE_STATUSES[page.status],
    statusDate: localDay(new Date(page.statusAt)),
    nextStep: nextStep(page.status, page.stage, page.collect),
    collect: page.collect,
    intakeRegion: page.intakeRegion,
    handlingRegion: page.handlingRegion,
  };
}

export async function lookUpStatus(
  store: ServerStore,
  wrongCodes: TokenBuckets,
  client: string,
  caseNo: string,
  typedCode: string,
): Promise<Lookup> {
  const key = `status:${client}`;
  if (!wrongCodes.has(key)) return { kind: 'rate_limited', retryAfter: wrongCodes.retryAfter(key) };
  const code = normaliseStatusCode(typedCode);
  const pages = await store.statusPages(caseNo.trim());
  // Hashed even for a code of the wrong shape, so the answer takes as long either way.
  const hash = statusCodeHash(caseNo.trim(), code ?? typedCode);
  const page = code ? pages.find((p) => p.codeHash !== null && sameHash(p.codeHash, hash)) : undefined;
  if (page) return { kind: 'found', answer: await answerOf(store, page) };
  wrongCodes.take(key);
  return { kind: 'not_found' };
}
