// The applicant's screen's pairings, kept in memory only: a pairing lives for
// one intake at one window, minutes long, and a restart of the backend ending
// them all is what should happen (the page then says the session ended). A
// short code, single use and valid a few minutes, is redeemed for a token
// scoped to the one draft; wrong codes are counted, and after a few every
// waiting pairing is cancelled so a code cannot be guessed.
import { createHash, randomBytes, randomInt, randomUUID } from 'node:crypto';
import type { Role } from '../../../shared/auth/permissions.ts';
import { rejected } from '../../../shared/rpc/framing.ts';
import type { PAIRING_CLOSE_REASONS, PAIRING_PHASES } from '../../../shared/rpc/methods/applicant-screen.ts';
import {
  PAIRING_CODE_LENGTH,
  type ApplicantContent,
  type PairingState,
} from '../../../shared/rpc/methods/applicant-screen.ts';

export const CODE_TTL_MS = 5 * 60_000;
export const MAX_WRONG_CODES = 5;

type Phase = (typeof PAIRING_PHASES)[number];
type CloseReason = (typeof PAIRING_CLOSE_REASONS)[number];

export interface Clerk {
  userId: string;
  roles: readonly Role[];
  /** The clerk's session: its logout or lock ends the pairing. */
  tokenHash: string;
}

export interface Pairing {
  readonly pairingId: string;
  readonly draftId: string;
  readonly clerk: Clerk;
  phase: Phase;
  readonly code: string;
  readonly codeExpiresAt: number;
  closedReason: CloseReason | null;
  tokenHash: string | null;
  content: ApplicantContent | null;
  caseId: string | null;
  caseNo: string | null;
  acknowledgedAt: string | null;
  /** The PNG, base64, until the clerk's wizard takes it into the form. */
  signature: string | null;
  signedAt: string | null;
  flag: { field: string; at: string } | null;
  rating: { rating: number; at: string } | null;
}

export interface PairingsOptions {
  now?: () => number;
  /** Told of every change, so the two screens can read their side again. */
  onChange?: (pairingId: string) => void;
  /** Whether the clerk's session is still open and unlocked. */
  clerkLive?: (tokenHash: string) => boolean;
}

const hash = (token: string): string => createHash('sha256').update(token).digest('hex');

export class Pairings {
  private readonly byId = new Map<string, Pairing>();
  private wrongCodes = 0;
  private readonly now: () => number;
  private readonly changed: (pairingId: string) => void;
  private readonly clerkLive: (tokenHash: string) => boolean;

  constructor(options: PairingsOptions = {}) {
    this.now = options.now ?? Date.now;
    this.changed = options.onChange ?? (() => undefined);
    this.clerkLive = options.clerkLive ?? (() => true);
  }

  /** A new pairing for the draft; the clerk session's earlier ones end and are forgotten. */
  open(draftId: string, clerk: Clerk): Pairing {
    for (const pairing of [...this.byId.values()]) {
      const own = pairing.clerk.tokenHash === clerk.tokenHash;
      // Forgotten too: what is left of sessions that logged out or locked, so the map stays small.
      if (!own && (pairing.phase !== 'closed' || this.clerkLive(pairing.clerk.tokenHash))) continue;
      this.close(pairing, 'ended');
      this.byId.delete(pairing.pairingId);
    }
    const taken = new Set([...this.byId.values()].map((p) => p.code));
    let code: string;
    do code = String(randomInt(10 ** PAIRING_CODE_LENGTH)).padStart(PAIRING_CODE_LENGTH, '0');
    while (taken.has(code));
    const pairing: Pairing = {
      pairingId: randomUUID(),
      draftId,
      clerk,
      phase: 'waiting',
      code,
      codeExpiresAt: this.now() + CODE_TTL_MS,
      closedReason: null,
      tokenHash: null,
      content: null,
      caseId: null,
      caseNo: null,
      acknowledgedAt: null,
      signature: null,
      signedAt: null,
      flag: null,
      rating: null,
    };
    this.byId.set(pairing.pairingId, pairing);
    return pairing;
  }

  /** The clerk's own pairing, as the clerk's session may see it. */
  ofClerk(pairingId: string, tokenHash: string): Pairing {
    const pairing = this.byId.get(pairingId);
    if (!pairing || pairing.clerk.tokenHash !== tokenHash) {
      throw rejected('applicant_screen_unknown', 'No such applicant screen pairing at this window.');
    }
    this.expire(pairing);
    return pairing;
  }

  /** The code for a token; a wrong, used, expired or cancelled code is refused and names which. */
  redeem(code: string): string {
    const pairing = [...this.byId.values()].find((p) => p.code === code.trim());
    if (!pairing) {
      this.wrongCodes += 1;
      if (this.wrongCodes < MAX_WRONG_CODES) throw rejected('pairing_code_wrong', 'No pairing has this code.');
      this.wrongCodes = 0;
      for (const waiting of this.byId.values()) if (waiting.phase === 'waiting') this.close(waiting, 'guessing');
      throw rejected('pairing_code_guessing', 'Too many wrong codes: the pairing was cancelled.');
    }
    this.expire(pairing);
    if (pairing.phase === 'closed') {
      if (pairing.closedReason === 'expired') throw rejected('pairing_code_expired', 'The code has expired.');
      if (pairing.closedReason === 'guessing') {
        throw rejected('pairing_code_guessing', 'Too many wrong codes: the pairing was cancelled.');
      }
      throw rejected('applicant_screen_closed', 'This session has ended.');
    }
    if (pairing.phase !== 'waiting') throw rejected('pairing_code_used', 'The code has been used already.');
    if (!this.clerkLive(pairing.clerk.tokenHash)) {
      this.close(pairing, 'ended');
      throw rejected('applicant_screen_closed', 'This session has ended.');
    }
    this.wrongCodes = 0;
    const token = randomBytes(32).toString('base64url');
    pairing.tokenHash = hash(token);
    pairing.phase = 'paired';
    this.changed(pairing.pairingId);
    return token;
  }

  /** The pairing a token was given for, while it is open and its clerk's session is. */
  byToken(token: string | undefined): Pairing {
    const tokenHash = token ? hash(token) : null;
    const pairing = tokenHash ? [...this.byId.values()].find((p) => p.tokenHash === tokenHash) : undefined;
    if (!pairing || pairing.phase === 'closed') throw rejected('applicant_screen_closed', 'This session has ended.');
    if (!this.clerkLive(pairing.clerk.tokenHash)) {
      this.close(pairing, 'ended');
      throw rejected('applicant_screen_closed', 'This session has ended.');
    }
    return pairing;
  }

  close(pairing: Pairing, reason: CloseReason): void {
    if (pairing.phase === 'closed') return;
    pairing.phase = 'closed';
    pairing.closedReason = reason;
    // Revoked: the applicant's page holds a token nothing answers to any more.
    pairing.tokenHash = null;
    pairing.content = null;
    pairing.signature = null;
    this.changed(pairing.pairingId);
  }

  /** The draft was submitted: the applicant's page stays, for the rating of this case only. */
  submitted(draftId: string, caseId: string, caseNo: string): void {
    for (const pairing of this.byId.values()) {
      if (pairing.draftId !== draftId || pairing.phase === 'closed') continue;
      if (pairing.phase === 'waiting') {
        this.close(pairing, 'ended');
        continue;
      }
      pairing.phase = 'submitted';
      pairing.caseId = caseId;
      pairing.caseNo = caseNo;
      pairing.content = null;
      pairing.signature = null;
      this.changed(pairing.pairingId);
    }
  }

  endDraft(draftId: string): void {
    for (const pairing of this.byId.values()) if (pairing.draftId === draftId) this.close(pairing, 'ended');
  }

  /** The clerk logged out or the screen locked: every pairing of that session ends. */
  endSession(tokenHash: string): void {
    for (const pairing of this.byId.values()) if (pairing.clerk.tokenHash === tokenHash) this.close(pairing, 'ended');
  }

  touched(pairing: Pairing): void {
    this.changed(pairing.pairingId);
  }

  stateOf(pairing: Pairing): PairingState {
    const waiting = pairing.phase === 'waiting';
    return {
      pairingId: pairing.pairingId,
      draftId: pairing.draftId,
      phase: pairing.phase,
      code: waiting ? pairing.code : null,
      codeExpiresAt: waiting ? new Date(pairing.codeExpiresAt).toISOString() : null,
      closedReason: pairing.closedReason,
      acknowledgedAt: pairing.acknowledgedAt,
      signedAt: pairing.signedAt,
      flag: pairing.flag,
      rating: pairing.rating,
    };
  }

  /** A code not redeemed in time ends its pairing. */
  private expire(pairing: Pairing): void {
    if (pairing.phase === 'waiting' && this.now() >= pairing.codeExpiresAt) this.close(pairing, 'expired');
  }
}
