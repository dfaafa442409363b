// The RPC wire framing, identical over MessagePort (Electron) and WebSocket
// (browser mode): every frame is one JSON text. Declared once here; both ends
// parse with these schemas.
import { z } from 'zod';

export const RPC_ERROR_CODES = [
  'INVALID_FRAME', // not JSON, or not a request frame
  'UNKNOWN_METHOD',
  'INVALID_INPUT', // params fail the method's input schema
  'UNAUTHENTICATED', // no session, or it expired
  'SESSION_LOCKED', // idle lock: the user must enter the password again
  'PERMISSION_DENIED',
  'NOT_FOUND',
  'REJECTED', // a business rule refused the call; `reason` says which
  'INTERNAL', // a handler threw, or its output broke the contract
  'BACKEND_UNAVAILABLE', // client side: the connection dropped or never came
  'TIMEOUT', // client side: no answer in time
] as const;
export type RpcErrorCode = (typeof RPC_ERROR_CODES)[number];

export const rpcErrorShape = z.object({
  code: z.enum(RPC_ERROR_CODES),
  message: z.string(),
  // Field paths and messages for INVALID_INPUT; never personal data values.
  issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  // A stable code the UI translates (errors.reasons.*), with its parameters.
  reason: z.string().optional(),
  params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
});
export type RpcErrorShape = z.infer<typeof rpcErrorShape>;

export class RpcError extends Error {
  readonly code: RpcErrorCode;
  readonly issues: RpcErrorShape['issues'];
  readonly reason: string | undefined;
  readonly params: RpcErrorShape['params'];
  constructor(shape: RpcErrorShape) {
    super(shape.message);
    this.name = 'RpcError';
    this.code = shape.code;
    this.issues = shape.issues;
    this.reason = shape.reason;
    this.params = shape.params;
  }
  toShape(): RpcErrorShape {
    const shape: RpcErrorShape = { code: this.code, message: this.message };
    if (this.issues) shape.issues = this.issues;
    if (this.reason) shape.reason = this.reason;
    if (this.params) shape.params = this.params;
    return shape;
  }
}

/** A business rule's refusal, with a reason code the UI translates. */
export function rejected(reason: string, message: string, params?: RpcErrorShape['params']): RpcError {
  return new RpcError(params ? { code: 'REJECTED', reason, message, params } : { code: 'REJECTED', reason, message });
}

export const requestFrame = z.object({
  t: z.literal('req'),
  id: z.number().int().nonnegative(),
  method: z.string().min(1).max(200),
  // Absent when a caller passed undefined; the method's input schema decides.
  params: z.unknown().optional(),
  // The caller's session token; absent before login.
  session: z.string().min(1).max(200).optional(),
});
export type RequestFrame = z.infer<typeof requestFrame>;

export const responseFrame = z.discriminatedUnion('ok', [
  z.object({ t: z.literal('res'), id: z.number().int().nonnegative(), ok: z.literal(true), result: z.unknown() }),
  // id is null when the request was too broken to carry one.
  z.object({
    t: z.literal('res'),
    id: z.number().int().nonnegative().nullable(),
    ok: z.literal(false),
    error: rpcErrorShape,
  }),
]);
export type ResponseFrame = z.infer<typeof responseFrame>;

export const eventFrame = z.object({ t: z.literal('evt'), event: z.string(), payload: z.unknown() });
export type EventFrame = z.infer<typeof eventFrame>;

export const serverFrame = z.union([responseFrame, eventFrame]);
export type ServerFrame = z.infer<typeof serverFrame>;

export function encodeFrame(frame: RequestFrame | ResponseFrame | EventFrame): string {
  return JSON.stringify(frame);
}

/** Parses JSON text; undefined when it is not JSON. */
export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** One transport connection carrying frames as text, whatever lies beneath. */
export interface FrameChannel {
  send(text: string): void;
  onMessage(listener: (text: string) => void): void;
  onClose(listener: () => void): void;
  close(): void;
}
