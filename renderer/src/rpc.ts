// Calls from the UI: unwraps results into values or RpcErrors, tells the
// session layer when the backend says the screen is locked or the session
// ended, and turns any error into a message in the user's language.
import type { TFunction } from 'i18next';
import { call } from '../../shared/rpc/client.ts';
import type { MethodInput, MethodName, MethodOutput } from '../../shared/rpc/contract.ts';
import { RpcError } from '../../shared/rpc/framing.ts';
import { api } from './backend.ts';

type SessionSignal = 'locked' | 'ended';
const listeners = new Set<(signal: SessionSignal) => void>();

export function onSessionSignal(listener: (signal: SessionSignal) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export async function rpc<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>> {
  try {
    return await call(api, method, input);
  } catch (error) {
    if (error instanceof RpcError && (error.code === 'SESSION_LOCKED' || error.code === 'UNAUTHENTICATED')) {
      for (const listener of listeners) listener(error.code === 'SESSION_LOCKED' ? 'locked' : 'ended');
    }
    throw error;
  }
}

/** Names for ids in an error's parameters (a material id → its name), from the screen that asked. */
export type ParamNames = Record<string, (id: string) => string | undefined>;

export function describeError(error: unknown, t: TFunction, names: ParamNames = {}): string {
  if (!(error instanceof RpcError)) return t('errors.INTERNAL');
  if (error.code === 'REJECTED' && error.reason && t(`reasons.${error.reason}`, { defaultValue: '' })) {
    const params: Record<string, string | number> = { ...error.params };
    if (typeof params.materialId === 'string')
      params.material = names.materialId?.(params.materialId) ?? params.materialId;
    if (typeof params.fieldId === 'string') params.field = names.fieldId?.(params.fieldId) ?? params.fieldId;
    // The applicant's place a matter is handled at (catalog handlingRegionFrom), named in the UI's language.
    if (typeof params.source === 'string') params.place = t(`intake.routing.source.${params.source}`);
    // A refused ID number or phone carries the validator's code, whose message says what is expected.
    const detail = typeof params.code === 'string' ? t(`identity.errors.${params.code}`, { defaultValue: '' }) : '';
    return detail ? `${t(`reasons.${error.reason}`, params)} ${detail}` : t(`reasons.${error.reason}`, params);
  }
  return t(`errors.${error.code}`);
}
