// Reading RPC results in a test: a call that must succeed (call), one that
// must fail (refusal), and waiting for a state the backend reaches by itself.
import type { RpcResult } from '../../../shared/rpc/client.ts';
import type { RpcErrorShape } from '../../../shared/rpc/framing.ts';

export { call } from '../../../shared/rpc/client.ts';

/** The error of a call that must fail; throws (failing the test) when it succeeded. */
export async function refusal(result: Promise<RpcResult<unknown>> | RpcResult<unknown>): Promise<RpcErrorShape> {
  const settled = await result;
  if (settled.ok) throw new Error(`Expected the call to be refused, but it returned ${JSON.stringify(settled.value)}`);
  return settled.error;
}

/** Polls `probe` until `done` holds; fails naming `what` and the last value. */
export async function until<T>(
  probe: () => Promise<T>,
  done: (value: T) => boolean,
  what: string,
  ms = 20_000,
): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
