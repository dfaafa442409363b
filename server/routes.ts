// The route table: every route the server serves, with the schemas of what it
// takes and answers. The server registers exactly these (app.ts) and the
// OpenAPI document is generated from them (openapi.ts), so the two cannot drift.
import { z } from 'zod';
import { sha256Schema } from '../shared/case/intake.ts';
import {
  anchorListResponse,
  anchorPushRequest,
  anchorPushResponse,
  anchorQuery,
  ANCHOR_REFUSALS,
  BLOB_CHUNK_BYTES,
  blobStatus,
  catalogResponse,
  enrollRequest,
  enrollResponse,
  errorResponse,
  MAX_PUSH_EVENTS,
  pullQuery,
  pullResponse,
  pushRequest,
  pushResponse,
} from '../shared/sync/protocol.ts';
import { deviceKeysQuery, deviceKeysResponse, MAX_DEVICE_KEY_IDS } from '../shared/sync/device-keys.ts';
import {
  deviceBehindResponse,
  positionRequest,
  positionResponse,
  recoveryRequest,
  recoveryResponse,
} from '../shared/sync/positions.ts';
import { statusPageQuery, statusQuery, statusResponse } from '../shared/sync/status-page.ts';
import { liveResponse, notReadyResponse, NOT_READY_REASONS, readyResponse } from './routes/health.ts';

export const CONTENT_RANGE = /^bytes (\d+)-(\d+)\/(\d+)$/;
export const JSON_BODY_LIMIT = 2 * 1024 * 1024;
/** A chunk and a little room. */
export const CHUNK_BODY_LIMIT = BLOB_CHUNK_BYTES + 64 * 1024;

/** Why a signed request was refused (401). */
export const AUTH_FAILURES = [
  'unsigned',
  'bad_signature',
  'stale_timestamp',
  'replayed_nonce',
  'unknown_device',
  'revoked',
] as const;
export type AuthFailure = (typeof AUTH_FAILURES)[number];

export const ENROLL_FAILURES = ['unknown_code', 'used_code', 'expired_code'] as const;

interface Answer {
  description: string;
  /** A JSON body; absent: no body or bytes. */
  schema?: z.ZodType;
  bytes?: boolean;
  /** An HTML page. */
  html?: boolean;
}

export interface RouteSpec {
  operationId: string;
  method: 'GET' | 'HEAD' | 'POST' | 'PUT';
  /** Fastify style: `:name` for a path parameter. */
  path: string;
  summary: string;
  /** Signed with the device key (SIGNATURE_HEADERS), or open. */
  signed: boolean;
  params?: z.ZodType;
  query?: z.ZodType;
  /** Required headers other than the signature's. */
  headers?: readonly { name: string; pattern: string; description: string }[];
  /** A JSON body as documented; a raw chunk when `bytes`. */
  body?: { schema: z.ZodType; bytes?: false } | { bytes: true; description: string };
  bodyLimit?: number;
  /**
   * Served while the server stops (lifecycle.ts): health checks, and pulls, which then answer at once.
   * Any other route answers 503 shutting_down from the moment the stop begins.
   */
  servedWhileStopping?: true;
  responses: Record<number, Answer>;
}

const blobParams = z.object({ sha256: sha256Schema });
const error = (description: string): Answer => ({ description, schema: errorResponse });

const SIGNED_ERRORS: Record<number, Answer> = {
  400: error('The request is malformed (error: invalid_request).'),
  401: error(`The signature was refused; error is one of ${AUTH_FAILURES.join(', ')}.`),
  413: error('The body is larger than the limit (error: body_too_large).'),
  429: error('Too many requests from this device (error: rate_limited); see Retry-After.'),
};

export const ROUTES = [
  {
    operationId: 'enroll',
    method: 'POST',
    path: '/v1/enroll',
    summary: 'Enroll a device with a one-time code; the code fixes its scope on this server.',
    signed: false,
    body: { schema: enrollRequest },
    bodyLimit: 16 * 1024,
    responses: {
      200: { description: 'Enrolled.', schema: enrollResponse },
      400: error('The request is malformed, or the key is not an Ed25519 SPKI key (error: invalid_request).'),
      403: error(`The code cannot be used; error is one of ${ENROLL_FAILURES.join(', ')}.`),
      413: error('The body is larger than the limit (error: body_too_large).'),
      429: error('Too many attempts from this address (error: rate_limited).'),
    },
  },
  {
    operationId: 'pushEvents',
    method: 'POST',
    path: '/v1/events',
    summary: `Push up to ${MAX_PUSH_EVENTS} events; each is answered in order: accepted, duplicate or refused.`,
    signed: true,
    body: { schema: pushRequest },
    bodyLimit: JSON_BODY_LIMIT,
    responses: { 200: { description: 'One result per event, in order.', schema: pushResponse }, ...SIGNED_ERRORS },
  },
  {
    operationId: 'pullEvents',
    method: 'GET',
    path: '/v1/events',
    summary: 'Events after the cursor of the cases this device is party to; waits up to `wait` seconds for one.',
    signed: true,
    query: pullQuery,
    servedWhileStopping: true,
    responses: { 200: { description: 'Events, oldest first.', schema: pullResponse }, ...SIGNED_ERRORS },
  },
  {
    operationId: 'deviceKeys',
    method: 'GET',
    path: '/v1/device-keys',
    summary: `The public keys, scopes and revocation of up to ${MAX_DEVICE_KEY_IDS} devices (comma-separated ids), signed by the server key over the nonce.`,
    signed: true,
    query: deviceKeysQuery,
    responses: {
      200: {
        description: 'The devices this server knows of those asked; unknown ids are left out.',
        schema: deviceKeysResponse,
      },
      ...SIGNED_ERRORS,
    },
  },
  {
    operationId: 'headBlob',
    method: 'HEAD',
    path: '/v1/blobs/:sha256',
    summary: 'Whether the server holds this blob, verified.',
    signed: true,
    params: blobParams,
    responses: {
      200: { description: 'Held and verified.' },
      404: { description: 'Not held.' },
      401: { description: 'The signature was refused.' },
      429: { description: 'Too many requests from this device.' },
    },
  },
  {
    operationId: 'putBlobChunk',
    method: 'PUT',
    path: '/v1/blobs/:sha256',
    summary:
      'Send a chunk with Content-Range "bytes <first>-<last>/<total>"; once the last byte is in, the SHA-256 is checked.',
    signed: true,
    params: blobParams,
    headers: [
      {
        name: 'content-range',
        pattern: CONTENT_RANGE.source,
        description: "The bytes this chunk carries, and the blob's size.",
      },
    ],
    body: { bytes: true, description: `At most ${BLOB_CHUNK_BYTES} bytes, starting at or before the bytes received.` },
    bodyLimit: CHUNK_BODY_LIMIT,
    responses: {
      200: { description: 'What has arrived; complete once verified.', schema: blobStatus },
      ...SIGNED_ERRORS,
      409: error('The chunk does not continue the upload (error: range_conflict); ask for the status.'),
      422: error('The bytes do not have this SHA-256 (error: hash_mismatch); nothing was kept.'),
    },
  },
  {
    operationId: 'blobStatus',
    method: 'GET',
    path: '/v1/blobs/:sha256/status',
    summary: 'How much of a blob has arrived, so a cut upload resumes.',
    signed: true,
    params: blobParams,
    responses: { 200: { description: 'Bytes received.', schema: blobStatus }, ...SIGNED_ERRORS },
  },
  {
    operationId: 'getBlob',
    method: 'GET',
    path: '/v1/blobs/:sha256',
    summary: 'The bytes of a blob of a case this device is party to.',
    signed: true,
    params: blobParams,
    responses: {
      200: { description: 'The bytes.', bytes: true },
      ...SIGNED_ERRORS,
      403: error('This device is not party to a case that refers to it (error: out_of_scope).'),
      404: error('Not held (error: not_found).'),
      500: error('Its stored bytes failed their integrity check (error: record_unreadable); it is never served.'),
    },
  },
  {
    operationId: 'catalog',
    method: 'GET',
    path: '/v1/catalog',
    summary: "The server's catalog of matters and its working-day calendar.",
    signed: true,
    responses: { 200: { description: 'Catalogs and calendars.', schema: catalogResponse }, ...SIGNED_ERRORS },
  },
  {
    operationId: 'pushAnchors',
    method: 'POST',
    path: '/v1/anchors',
    summary: `Push the heads of closed days; each is kept once, or refused with one of ${ANCHOR_REFUSALS.join(', ')}.`,
    signed: true,
    body: { schema: anchorPushRequest },
    bodyLimit: 64 * 1024,
    responses: {
      200: { description: 'One result per anchor, in order.', schema: anchorPushResponse },
      ...SIGNED_ERRORS,
    },
  },
  {
    operationId: 'reportPosition',
    method: 'POST',
    path: '/v1/devices/position',
    summary: "Before a sync pass: the device's count of its own events, held against the highest it reported.",
    signed: true,
    body: { schema: positionRequest },
    bodyLimit: 16 * 1024,
    responses: {
      200: { description: 'Not behind; the count is now the highest seen.', schema: positionResponse },
      ...SIGNED_ERRORS,
      409: {
        description: 'The device holds an older copy of its data (error: device_behind); nothing was written.',
        schema: deviceBehindResponse,
      },
    },
  },
  {
    operationId: 'announceRecovery',
    method: 'POST',
    path: '/v1/devices/recovery',
    summary: 'A device restored from a backup says so, and where it stands; it then pulls what the backup lacks.',
    signed: true,
    body: { schema: recoveryRequest },
    bodyLimit: 16 * 1024,
    responses: {
      200: { description: 'Recorded; the highest count seen before.', schema: recoveryResponse },
      ...SIGNED_ERRORS,
    },
  },
  {
    operationId: 'listAnchors',
    method: 'GET',
    path: '/v1/anchors',
    summary: "This device's anchors between two days, its highest anchored day, and the key it is checked against.",
    signed: true,
    query: anchorQuery,
    responses: { 200: { description: 'Anchors, oldest first.', schema: anchorListResponse }, ...SIGNED_ERRORS },
  },
  {
    operationId: 'caseStatus',
    method: 'GET',
    path: '/v1/status',
    summary:
      "Where a case stands, for its applicant: the receipt's case number and short code. Open, nothing personal.",
    signed: false,
    query: statusQuery,
    responses: {
      200: {
        description: 'The status, its date, the next step and where the result is collected.',
        schema: statusResponse,
      },
      400: error('The case number or code is missing (error: invalid_request).'),
      404: error('No case has this number and code (error: not_found); an unknown number answers the same.'),
      429: error('Too many wrong codes from this client (error: rate_limited); see Retry-After.'),
    },
  },
  {
    operationId: 'statusPage',
    method: 'GET',
    path: '/status',
    summary: 'The same as a page for a phone, opened from the QR code on the receipt; a form without a case number.',
    signed: false,
    query: statusPageQuery,
    responses: {
      200: { description: 'The status, or the form.', html: true },
      404: { description: 'No case has this number and code; the form again.', html: true },
      429: { description: 'Too many wrong codes from this client; see Retry-After.', html: true },
    },
  },
  {
    operationId: 'openapi',
    method: 'GET',
    path: '/openapi.json',
    summary: 'This document.',
    signed: false,
    responses: { 200: { description: 'The OpenAPI document.' } },
  },
  {
    operationId: 'liveness',
    method: 'GET',
    path: '/livez',
    summary: 'Whether the process answers; asks nothing of the store. For a service manager or an orchestrator.',
    signed: false,
    servedWhileStopping: true,
    responses: { 200: { description: 'The process is live.', schema: liveResponse } },
  },
  {
    operationId: 'readiness',
    method: 'GET',
    path: '/readyz',
    summary:
      'Whether this instance takes traffic: not stopping, the store answers, the blob store is there. The health check of a load balancer.',
    signed: false,
    servedWhileStopping: true,
    responses: {
      200: { description: 'Ready.', schema: readyResponse },
      503: {
        description: `Not ready; reason is one of ${NOT_READY_REASONS.join(', ')}. Send traffic elsewhere.`,
        schema: notReadyResponse,
      },
    },
  },
] as const satisfies readonly RouteSpec[];

export type OperationId = (typeof ROUTES)[number]['operationId'];
