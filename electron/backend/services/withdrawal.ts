// 撤件: what the state machine's table cannot say about a withdrawal. A case
// that has ended is refused with a reason naming why (concluded, refused,
// already withdrawn), so the clerk can tell the applicant; the place recorded
// must be the one recording it; the agent can ask only on a case with one.
import type { WithdrawnPayload } from '../../../shared/case/events.ts';
import type { CaseStatusCode } from '../../../shared/case/status.ts';
import { rejected, type RpcError } from '../../../shared/rpc/framing.ts';

/** Why a case of this status can no longer be withdrawn; null where the table's own reason says enough. */
export function withdrawalRefusal(status: CaseStatusCode): RpcError | null {
  if (status === 11 || status === 12 || status === 13) {
    return rejected('withdrawal_after_conclusion', 'A concluded case cannot be withdrawn.');
  }
  if (status === 4 || status === 5) {
    return rejected('withdrawal_after_refusal', 'A case refused acceptance cannot be withdrawn.');
  }
  if (status === 2) return rejected('withdrawal_repeated', 'The case has been withdrawn already.');
  return null;
}

export function checkWithdrawal(payload: WithdrawnPayload, origin: 'intake' | 'inbox', hasAgent: boolean): void {
  const side = origin === 'inbox' ? 'handling' : 'intake';
  if (payload.side !== side) {
    throw rejected('withdrawal_side_wrong', 'The withdrawal names the other place.', { field: 'side' });
  }
  if (payload.requestedBy === 'agent' && !hasAgent) {
    throw rejected('withdrawal_no_agent', 'The case has no agent to ask for the withdrawal.');
  }
}
