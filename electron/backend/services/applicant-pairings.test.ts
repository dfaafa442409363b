// The pairing rules that hang on the clock: a code is good for CODE_TTL_MS and
// then refused as expired, its pairing closed for the clerk to see.
import { describe, expect, it } from 'vitest';
import { RpcError } from '../../../shared/rpc/framing.ts';
import { CODE_TTL_MS, Pairings } from './applicant-pairings.ts';

const clerk = { userId: 'u1', roles: ['intake_clerk'] as const, tokenHash: 'clerk-session' };

function reasonOf(work: () => unknown): string | undefined {
  try {
    work();
  } catch (error) {
    if (error instanceof RpcError) return error.reason;
    throw error;
  }
  return undefined;
}

describe('pairing codes and the clock', () => {
  it('redeems a code until it expires, then refuses it as expired and closes the pairing', () => {
    let now = 1_000_000;
    const changed: string[] = [];
    const pairings = new Pairings({ now: () => now, onChange: (id) => changed.push(id) });
    const fresh = pairings.open('draft-1', clerk);
    now += CODE_TTL_MS - 1;
    expect(pairings.redeem(fresh.code)).toMatch(/^[\w-]{43}$/);

    const late = pairings.open('draft-2', clerk);
    now += CODE_TTL_MS;
    expect(reasonOf(() => pairings.redeem(late.code))).toBe('pairing_code_expired');
    expect(pairings.stateOf(pairings.ofClerk(late.pairingId, clerk.tokenHash))).toMatchObject({
      phase: 'closed',
      closedReason: 'expired',
      code: null,
    });
    expect(changed).toContain(late.pairingId);
  });

  it("ends a session's pairings together, and only that session's", () => {
    const pairings = new Pairings();
    const own = pairings.open('draft-1', clerk);
    const others = pairings.open('draft-2', { ...clerk, tokenHash: 'another-session' });
    const token = pairings.redeem(own.code);
    const otherToken = pairings.redeem(others.code);
    pairings.endSession(clerk.tokenHash);
    expect(reasonOf(() => pairings.byToken(token))).toBe('applicant_screen_closed');
    expect(pairings.byToken(otherToken).pairingId).toBe(others.pairingId);
  });

  it('forgets the closed pairings of sessions that ended when another is opened', () => {
    const live = new Set(['clerk-session', 'another-session']);
    const pairings = new Pairings({ clerkLive: (hash) => live.has(hash) });
    const gone = pairings.open('draft-1', { ...clerk, tokenHash: 'another-session' });
    pairings.endSession('another-session');
    live.delete('another-session');
    pairings.open('draft-2', clerk);
    expect(reasonOf(() => pairings.ofClerk(gone.pairingId, 'another-session'))).toBe('applicant_screen_unknown');
  });
});
