// Serves the RPC contract on any frame channel: validates every frame, checks
// the method's permission against the connection's session, validates input
// and output. Whatever a caller sends, it gets a typed answer.
import type { z } from 'zod';
import { allows, ANONYMOUS, type Session } from '../../../shared/auth/permissions.ts';
import type { MethodSpec } from '../../../shared/rpc/contract.ts';
import {
  RpcError,
  encodeFrame,
  parseJson,
  requestFrame,
  type FrameChannel,
  type ResponseFrame,
  type RpcErrorShape,
} from '../../../shared/rpc/framing.ts';
import { log } from '../log.ts';

export interface CallContext<S extends Session = Session> {
  session: S;
  /** The token the call carried, if any: auth methods act on it. */
  token: string | undefined;
}

/**
 * Turns a call's token into its session. Throws an RpcError (UNAUTHENTICATED,
 * SESSION_LOCKED) when the token is no good; returns null without a token.
 */
export type SessionResolver<S extends Session> = (token: string | undefined) => S | null;

/** Public methods run for anyone, so their handlers may meet an anonymous caller; the others only the resolver's session. */
export type SessionFor<Spec extends MethodSpec<string>, S extends Session> = Spec['permission'] extends 'public'
  ? Session | S
  : S;

export type Handler<Spec extends MethodSpec<string>, S extends Session = Session> = (
  input: z.output<Spec['input']>,
  ctx: CallContext<SessionFor<Spec, S>>,
) => z.input<Spec['output']> | Promise<z.input<Spec['output']>>;

/** One handler per method of the contract C; S is the session the resolver gives a signed-in caller. */
export type Handlers<C extends Record<string, MethodSpec<string>>, S extends Session = Session> = {
  [M in keyof C]: Handler<C[M], S>;
};

/** Told of each signed-in caller on a channel, so the backend knows which screens carry which session. */
export type CallerListener<S extends Session = Session> = (session: S) => void;

export interface Dispatcher<S extends Session = Session> {
  /** Answers one frame of text with one frame of text. */
  handle(text: string, onCaller?: CallerListener<S>): Promise<string>;
}

function issuesOf(error: z.ZodError): NonNullable<RpcErrorShape['issues']> {
  return error.issues.map((issue) => ({ path: issue.path.join('.') || '(root)', message: issue.message }));
}

const anonymousResolver: SessionResolver<Session> = () => null;

export function createDispatcher<C extends Record<string, MethodSpec<string>>, S extends Session = Session>(
  contract: C,
  handlers: Handlers<C, S>,
  resolveSession: SessionResolver<S> = anonymousResolver as SessionResolver<S>,
): Dispatcher<S> {
  const fail = (id: number | null, error: RpcErrorShape): ResponseFrame => ({ t: 'res', id, ok: false, error });

  /** Who calls: the resolver's session, or, for a public method only, an anonymous caller. */
  function callerFor(permission: string, token: string | undefined): CallContext<Session | S> | RpcErrorShape {
    try {
      const session = resolveSession(token);
      if (session) return { session, token };
      if (permission === 'public') return { session: ANONYMOUS, token };
      return { code: 'UNAUTHENTICATED', message: 'This needs a logged-in user.' };
    } catch (error) {
      // A stale token only makes the caller anonymous for a public method.
      if (permission === 'public') return { session: ANONYMOUS, token };
      if (error instanceof RpcError) return error.toShape();
      throw error;
    }
  }

  /**
   * Calls a method's handler. Handlers of non-public methods are typed to take
   * the resolver's session (SessionFor); this is the one place that promise is
   * kept for all of them: no anonymous caller gets past it to such a handler.
   */
  function run(method: keyof C, permission: string, input: unknown, ctx: CallContext<Session | S>): unknown {
    if (permission !== 'public' && ctx.session === ANONYMOUS) {
      throw new RpcError({ code: 'UNAUTHENTICATED', message: 'This needs a logged-in user.' });
    }
    const handler = handlers[method] as (input: unknown, ctx: CallContext<Session | S>) => unknown;
    return handler(input, ctx);
  }

  async function answer(text: string, onCaller: CallerListener<S> | undefined): Promise<ResponseFrame> {
    const raw = parseJson(text);
    const frame = requestFrame.safeParse(raw);
    if (!frame.success) {
      const id =
        typeof raw === 'object' && raw !== null && 'id' in raw && Number.isInteger(raw.id) ? Number(raw.id) : null;
      return fail(id !== null && id >= 0 ? id : null, {
        code: 'INVALID_FRAME',
        message: 'The message is not a valid request frame.',
        issues: issuesOf(frame.error),
      });
    }
    const { id, method, params, session: token } = frame.data;
    if (!Object.hasOwn(contract, method)) {
      return fail(id, { code: 'UNKNOWN_METHOD', message: `Unknown method: ${method}` });
    }
    const spec = contract[method]!;
    const ctx = callerFor(spec.permission, token);
    if (!('session' in ctx)) return fail(id, ctx);
    if (ctx.session !== ANONYMOUS) onCaller?.(ctx.session as S);
    if (!allows(ctx.session, spec.permission)) {
      return fail(
        id,
        ctx.session.userId === null
          ? { code: 'UNAUTHENTICATED', message: `${method} needs a logged-in user.` }
          : { code: 'PERMISSION_DENIED', message: `${method} needs the permission ${spec.permission}.` },
      );
    }
    const input = spec.input.safeParse(params);
    if (!input.success) {
      return fail(id, {
        code: 'INVALID_INPUT',
        message: `Invalid input for ${method}.`,
        issues: issuesOf(input.error),
      });
    }
    try {
      const output = spec.output.safeParse(await run(method, spec.permission, input.data, ctx));
      if (!output.success) {
        log.error('rpc.output_contract_broken', { method, issues: issuesOf(output.error) });
        return fail(id, { code: 'INTERNAL', message: `The backend broke the contract of ${method}.` });
      }
      return { t: 'res', id, ok: true, result: output.data };
    } catch (error) {
      if (error instanceof RpcError) return fail(id, error.toShape());
      log.error('rpc.handler_failed', { method, error });
      return fail(id, { code: 'INTERNAL', message: `${method} failed inside the backend.` });
    }
  }

  return {
    handle: async (text, onCaller) => encodeFrame(await answer(text, onCaller)),
  };
}

/** Serves a dispatcher on one channel, for as long as the channel lives. */
export function serveChannel<S extends Session>(
  dispatcher: Dispatcher<S>,
  channel: FrameChannel,
  onCaller?: CallerListener<S>,
): void {
  channel.onMessage((text) => {
    void dispatcher.handle(text, onCaller).then((reply) => channel.send(reply));
  });
}
