// The OpenAPI 3.1 document, generated from the route table and the protocol's
// zod schemas (z.toJSONSchema); checked in as server/openapi.json and served
// at /openapi.json. openapi.test.ts fails when the checked-in copy differs,
// and when Redocly's recommended rules find an error in it.
import { isDeepStrictEqual } from 'node:util';
import { z } from 'zod';
import { EVENT_PAYLOADS } from '../shared/case/events.ts';
import { errorResponse, MAX_CLOCK_SKEW_MS, SIGNATURE_HEADERS, signedWireEventSchema } from '../shared/sync/protocol.ts';
import { ROUTES, type RouteSpec } from './routes.ts';

export const OPENAPI_FILE = new URL('./openapi.json', import.meta.url);
/** The port `npm run server` listens on unless told. */
export const DEFAULT_PORT = 8440;

type JsonSchema = Record<string, unknown>;

function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  const document = z.toJSONSchema(schema, { io, target: 'draft-2020-12' }) as JsonSchema;
  delete document.$schema; // the document's dialect is OpenAPI 3.1's
  return document;
}

/** Query and path parameters, one entry per property of the object schema. */
function parameters(schema: z.ZodType | undefined, where: 'query' | 'path'): JsonSchema[] {
  if (!schema) return [];
  const object = jsonSchema(schema, 'input') as { properties?: Record<string, JsonSchema>; required?: string[] };
  return Object.entries(object.properties ?? {}).map(([name, property]) => ({
    name,
    in: where,
    required: where === 'path' || (object.required ?? []).includes(name),
    schema: property,
  }));
}

const OPEN_PATHS = ROUTES.filter((route) => !route.signed).map((route) => route.path);

const SIGNING = [
  `Every request but ${OPEN_PATHS.join(', ')} is signed with the device's Ed25519 key over`,
  '"tongban-v1\\n<METHOD>\\n<path with query>\\n<timestamp>\\n<nonce>\\n<sha256 hex of the body bytes>"',
  `(timestamp ISO 8601, within ${MAX_CLOCK_SKEW_MS / 60_000} minutes of the server's clock; nonce 16–128`,
  'characters of [A-Za-z0-9_-], never reused). The signature header is base64.',
].join(' ');

/** What every route but those served while stopping may answer once the server stops (lifecycle.ts). */
const STOPPING = 'The server is stopping (error: shutting_down); nothing was done. Send it again after Retry-After.';

const ref = (name: string): JsonSchema => ({ $ref: `#/components/schemas/${name}` });
const EVENT_TYPES = Object.keys(EVENT_PAYLOADS);

/** A pushed event, whatever its type: the envelope every `event.<type>` shares. */
const EVENT_ENVELOPE = jsonSchema(signedWireEventSchema, 'input');

/**
 * Each event type's pushed event: the envelope with its `type` fixed and its
 * payload the type's schema (EVENT_PAYLOADS), as the server checks it.
 */
function eventSchemas(): Record<string, JsonSchema> {
  return Object.fromEntries(
    EVENT_TYPES.map((type) => [
      `event.${type}`,
      {
        allOf: [
          ref('event'),
          {
            type: 'object',
            properties: { type: { type: 'string', const: type }, payload: ref(`payload.${type}`) },
          },
        ],
      },
    ]),
  );
}

/** The events of a request body as the union of the event types, told apart by `type`. */
function withEventUnion(schema: unknown): unknown {
  if (isDeepStrictEqual(schema, EVENT_ENVELOPE)) {
    return {
      oneOf: EVENT_TYPES.map((type) => ref(`event.${type}`)),
      discriminator: {
        propertyName: 'type',
        mapping: Object.fromEntries(EVENT_TYPES.map((type) => [type, ref(`event.${type}`).$ref])),
      },
    };
  }
  if (Array.isArray(schema)) return schema.map(withEventUnion);
  if (schema === null || typeof schema !== 'object') return schema;
  return Object.fromEntries(Object.entries(schema).map(([key, value]) => [key, withEventUnion(value)]));
}

function content(answer: RouteSpec['responses'][number]): JsonSchema {
  if (answer.schema) return { content: { 'application/json': { schema: jsonSchema(answer.schema, 'output') } } };
  if (answer.bytes)
    return { content: { 'application/octet-stream': { schema: { type: 'string', format: 'binary' } } } };
  if (answer.html) return { content: { 'text/html': { schema: { type: 'string' } } } };
  return {};
}

function operation(spec: RouteSpec): JsonSchema {
  const responses: RouteSpec['responses'] = spec.servedWhileStopping
    ? spec.responses
    : // A HEAD answer has no body.
      {
        ...spec.responses,
        503: { description: STOPPING, ...(spec.method === 'HEAD' ? {} : { schema: errorResponse }) },
      };
  const op: JsonSchema = {
    operationId: spec.operationId,
    summary: spec.summary,
    parameters: [
      ...parameters(spec.params, 'path'),
      ...parameters(spec.query, 'query'),
      ...(spec.headers ?? []).map(({ name, pattern, description }) => ({
        name,
        in: 'header',
        required: true,
        description,
        schema: { type: 'string', pattern },
      })),
    ],
    responses: Object.fromEntries(
      Object.entries(responses).map(([status, answer]) => [
        status,
        { description: answer.description, ...content(answer) },
      ]),
    ),
    // An open route says so: no signature.
    security: spec.signed ? [{ deviceSignature: [] }] : [],
  };
  if (spec.body) {
    op.requestBody = {
      required: true,
      content: spec.body.bytes
        ? {
            'application/octet-stream': {
              schema: { type: 'string', format: 'binary', description: spec.body.description },
            },
          }
        : { 'application/json': { schema: withEventUnion(jsonSchema(spec.body.schema, 'input')) } },
    };
  }
  return op;
}

export function openApiDocument(): JsonSchema {
  const paths: Record<string, Record<string, JsonSchema>> = {};
  for (const route of ROUTES) {
    const path = route.path.replace(/:(\w+)/g, '{$1}');
    paths[path] = { ...paths[path], [route.method.toLowerCase()]: operation(route) };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Tongban exchange server',
      version: '1',
      description: 'The exchange protocol between a Tongban Desk device and a region exchange server. ' + SIGNING,
    },
    servers: [
      {
        url: 'https://{host}:{port}',
        description: "A region's exchange server, at the address its invitations name.",
        variables: {
          host: { default: 'localhost', description: 'The name or address devices reach the server at.' },
          port: { default: String(DEFAULT_PORT) },
        },
      },
    ],
    paths,
    components: {
      securitySchemes: {
        deviceSignature: {
          type: 'apiKey',
          in: 'header',
          name: SIGNATURE_HEADERS.signature,
          description: `With ${Object.values(SIGNATURE_HEADERS).join(', ')}. ${SIGNING}`,
        },
      },
      // A pushed event is checked against the schema of its type. Pulled events are not: a purged one's payload
      // is a marker.
      schemas: {
        event: EVENT_ENVELOPE,
        ...eventSchemas(),
        ...Object.fromEntries(
          Object.entries(EVENT_PAYLOADS).map(([type, schema]) => [`payload.${type}`, jsonSchema(schema, 'input')]),
        ),
      },
    },
  };
}

export function openApiText(): string {
  return `${JSON.stringify(openApiDocument(), null, 2)}\n`;
}
