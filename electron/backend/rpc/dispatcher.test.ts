import { afterEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import type { Session } from '../../../shared/auth/permissions.ts';
import type { MethodSpec } from '../../../shared/rpc/contract.ts';
import { RpcError, responseFrame, type ResponseFrame } from '../../../shared/rpc/framing.ts';
import { createDispatcher } from './dispatcher.ts';

const ID_NUMBER = '110101199003074514';

const empty = z.object({}).strict();
const contract = {
  echo: { permission: 'public', input: z.object({ text: z.string() }), output: z.object({ text: z.string() }) },
  secret: { permission: 'cases.read', input: z.object({ caseId: z.string() }), output: z.object({ ok: z.boolean() }) },
  boom: { permission: 'public', input: empty, output: z.object({}) },
  boomMultiline: { permission: 'public', input: empty, output: z.object({}) },
  boomNonError: { permission: 'public', input: empty, output: z.object({}) },
  typed: { permission: 'public', input: empty, output: z.object({}) },
  liar: { permission: 'public', input: empty, output: z.object({ count: z.number() }) },
} as const satisfies Record<string, MethodSpec<string>>;

// Tokens stand for sessions here as they do in the backend.
const SESSIONS: Record<string, Session> = {
  reader: { userId: 'u1', permissions: new Set(['cases.read']) },
  nobody: { userId: 'u2', permissions: new Set() },
};

const dispatcher = createDispatcher(
  contract,
  {
    echo: ({ text }) => ({ text }),
    secret: async () => ({ ok: true }),
    boom: () => {
      throw new Error(`contains ${ID_NUMBER}`);
    },
    boomMultiline: () => {
      throw new Error(`Applicant not found:\nID ${ID_NUMBER}`);
    },
    boomNonError: () => {
      // A careless handler may throw anything, not only an Error.
      throw `contains ${ID_NUMBER}`;
    },
    typed: () => {
      throw new RpcError({ code: 'INVALID_INPUT', message: 'x' });
    },
    liar: () => ({ count: 'many' }) as unknown as { count: number },
  },
  (token) => {
    if (token === undefined) return null;
    if (token === 'locked') throw new RpcError({ code: 'SESSION_LOCKED', message: 'locked' });
    const session = SESSIONS[token];
    if (!session) throw new RpcError({ code: 'UNAUTHENTICATED', message: 'ended' });
    return session;
  },
);

const READER = 'reader';
const NO_PERMISSIONS = 'nobody';
const ANONYMOUS = undefined;

const req = (id: number, method: string, params: unknown, session?: string): string =>
  JSON.stringify({ t: 'req', id, method, params, session });

async function ask(text: string, token?: string): Promise<{ text: string; frame: ResponseFrame }> {
  const withToken = token === undefined ? text : JSON.stringify({ ...JSON.parse(text), session: token });
  const reply = await dispatcher.handle(withToken);
  // Every answer is itself a valid response frame.
  return { text: reply, frame: responseFrame.parse(JSON.parse(reply)) };
}

function errorOf(frame: ResponseFrame) {
  if (frame.ok) throw new Error(`expected an error frame, got ${JSON.stringify(frame)}`);
  return frame.error;
}

afterEach(() => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
});

describe('createDispatcher', () => {
  it('answers a valid call with its result and the same id', async () => {
    const { frame } = await ask(req(3, 'echo', { text: '你好' }));
    expect(frame).toEqual({ t: 'res', id: 3, ok: true, result: { text: '你好' } });
  });

  it.each([
    ['not JSON', 'not json{', null],
    ['empty text', '', null],
    ['JSON null', 'null', null],
    ['an array', '[1,2]', null],
    ['a wrong frame type', JSON.stringify({ t: 'res', id: 4, method: 'echo', params: {} }), 4],
    ['no method, id 7', JSON.stringify({ t: 'req', id: 7, params: {} }), 7],
    ['an empty method', JSON.stringify({ t: 'req', id: 8, method: '', params: {} }), 8],
    ['a negative id', JSON.stringify({ t: 'req', id: -1, method: 'echo', params: {} }), null],
    ['a fractional id', JSON.stringify({ t: 'req', id: 1.5, method: 'echo', params: {} }), null],
    ['a string id', JSON.stringify({ t: 'req', id: '9', method: 'echo', params: {} }), null],
  ])('%s → INVALID_FRAME with id %s', async (_label, text, id) => {
    const { frame } = await ask(text);
    expect(frame.id).toBe(id);
    expect(errorOf(frame).code).toBe('INVALID_FRAME');
  });

  it.each(['nope', '__proto__', 'toString', 'constructor', 'hasOwnProperty'])(
    'unknown method %j → UNKNOWN_METHOD with the same id',
    async (method) => {
      const { frame } = await ask(req(11, method, {}));
      expect(frame.id).toBe(11);
      expect(errorOf(frame).code).toBe('UNKNOWN_METHOD');
    },
  );

  it.each([
    ['a number for text', { text: 5 }, 'text'],
    ['text missing', {}, 'text'],
    ['null params', null, '(root)'],
    ['a string for params', 'hello', '(root)'],
  ])('%s → INVALID_INPUT naming %s', async (_label, params, path) => {
    const { frame } = await ask(req(12, 'echo', params));
    expect(frame.id).toBe(12);
    const error = errorOf(frame);
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.issues?.map((issue) => issue.path)).toContain(path);
  });

  it('does not echo the rejected input value in INVALID_INPUT', async () => {
    const { text } = await ask(req(13, 'echo', { text: { nested: ID_NUMBER } }));
    expect(JSON.parse(text)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(text).not.toContain(ID_NUMBER);
  });

  it.each([
    ['anonymous', ANONYMOUS, { ok: false, code: 'UNAUTHENTICATED' }],
    ['logged in without the permission', NO_PERMISSIONS, { ok: false, code: 'PERMISSION_DENIED' }],
    ['logged in with the permission', READER, { ok: true }],
  ] as const)('a permission-guarded method, %s', async (_label, session, expected) => {
    const { frame } = await ask(req(20, 'secret', { caseId: 'c1' }), session);
    expect(frame.id).toBe(20);
    if (expected.ok) expect(frame).toEqual({ t: 'res', id: 20, ok: true, result: { ok: true } });
    else expect(errorOf(frame).code).toBe(expected.code);
  });

  it.each([
    ['an ended session', 'stale-token', 'UNAUTHENTICATED'],
    ['a locked session', 'locked', 'SESSION_LOCKED'],
  ])('a guarded method with %s is refused with %s', async (_label, token, code) => {
    const { frame } = await ask(req(23, 'secret', { caseId: 'c1' }), token);
    expect(errorOf(frame).code).toBe(code);
  });

  it('a public method still runs, anonymously, for a stale or locked session', async () => {
    for (const token of ['stale-token', 'locked']) {
      const { frame } = await ask(req(24, 'echo', { text: 'a' }), token);
      expect(frame).toMatchObject({ ok: true, result: { text: 'a' } });
    }
  });

  it('checks the permission before the input', async () => {
    const { frame } = await ask(req(21, 'secret', { wrong: 1 }), ANONYMOUS);
    expect(errorOf(frame).code).toBe('UNAUTHENTICATED');
  });

  it('a public method works for anonymous and logged-in sessions alike', async () => {
    for (const session of [ANONYMOUS, NO_PERMISSIONS, READER]) {
      const { frame } = await ask(req(22, 'echo', { text: 'a' }), session);
      expect(frame.ok).toBe(true);
    }
  });

  const throwers = ['boom', 'boomMultiline', 'boomNonError'];

  it.each(throwers)('%s: a handler that throws → INTERNAL, without the error message in the answer', async (method) => {
    const { text, frame } = await ask(req(30, method, {}));
    expect(frame.id).toBe(30);
    expect(errorOf(frame).code).toBe('INTERNAL');
    expect(text).not.toContain(ID_NUMBER);
  });

  // The log must not carry the message either: it may quote personal data.
  it.each(throwers)('%s: a handler that throws does not log the error message', async (method) => {
    vi.stubEnv('TONGBAN_LOG', '');
    const written: string[] = [];
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
      written.push(String(chunk));
      return true;
    });
    await ask(req(31, method, {}));
    expect(written.join('')).toContain('rpc.handler_failed');
    expect(written.join('')).not.toContain(ID_NUMBER);
  });

  it('a thrown RpcError passes through with its code and message', async () => {
    const { frame } = await ask(req(40, 'typed', {}));
    expect(frame).toEqual({ t: 'res', id: 40, ok: false, error: { code: 'INVALID_INPUT', message: 'x' } });
  });

  it('a result that breaks the output schema → INTERNAL', async () => {
    const { frame } = await ask(req(50, 'liar', {}));
    expect(frame.id).toBe(50);
    expect(errorOf(frame).code).toBe('INTERNAL');
  });
});

describe('the session a handler is given', () => {
  interface SignedIn extends Session {
    readonly userId: string;
  }
  const whoContract = {
    whoOpen: { permission: 'public', input: empty, output: z.object({ userId: z.string().nullable() }) },
    // The output needs a string: this handler compiles only because a guarded method's session is SignedIn.
    whoGuarded: { permission: 'cases.read', input: empty, output: z.object({ userId: z.string() }) },
  } as const satisfies Record<string, MethodSpec<string>>;
  const who = createDispatcher<typeof whoContract, SignedIn>(
    whoContract,
    {
      whoOpen: (_input, { session }) => ({ userId: session.userId }),
      whoGuarded: (_input, { session }) => ({ userId: session.userId }),
    },
    (token) => (token === READER ? { userId: 'u1', permissions: new Set(['cases.read']) } : null),
  );
  const call = async (method: string, token?: string) =>
    responseFrame.parse(
      JSON.parse(await who.handle(JSON.stringify({ t: 'req', id: 1, method, params: {}, session: token }))),
    );

  it("a guarded method's handler gets the signed-in session", async () => {
    expect(await call('whoGuarded', READER)).toMatchObject({ ok: true, result: { userId: 'u1' } });
  });

  it("a guarded method's handler is never reached anonymously", async () => {
    expect(errorOf(await call('whoGuarded'))).toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  it("a public method's handler gets an anonymous caller as anonymous", async () => {
    expect(await call('whoOpen')).toMatchObject({ ok: true, result: { userId: null } });
    expect(await call('whoOpen', READER)).toMatchObject({ ok: true, result: { userId: 'u1' } });
  });
  // The backend tells a session's lock only to the channels that carried it.
  it('names each signed-in caller to the channel, and no anonymous one', async () => {
    const seen: string[] = [];
    const frame = (method: string, token?: string): string =>
      JSON.stringify({ t: 'req', id: 1, method, params: {}, session: token });
    await who.handle(frame('whoOpen'), (session) => seen.push(session.userId));
    await who.handle(frame('whoGuarded'), (session) => seen.push(session.userId));
    expect(seen).toEqual([]);
    await who.handle(frame('whoOpen', READER), (session) => seen.push(session.userId));
    await who.handle(frame('whoGuarded', READER), (session) => seen.push(session.userId));
    expect(seen).toEqual(['u1', 'u1']);
  });
});
