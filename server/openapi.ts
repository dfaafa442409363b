// The OpenAPI 3.1 document, generated from the route table and the protocol's
// zod schemas (z.toJSONSchema); checked in as server/openapi.json and served
// at /openapi.json. openapi.test.ts fails when the checked-in copy differs.
import { z } from 'zod';
import { EVENT_PAYLOADS } from '../shared/case/events.ts';
import { MAX_CLOCK_SKEW_MS, SIGNATURE_HEADERS } from '../shared/sync/protocol.ts';
import { ROUTES, type RouteSpec } from './routes.ts';

export const OPENAPI_FILE = new URL('./openapi.json', import.meta.url);

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

const SIGNING = [
  `Every request but /v1/enroll, /v1/status, /status and /openapi.json is signed with the device's Ed25519 key over`,
  '"tongban-v1\\n<METHOD>\\n<path with query>\\n<timestamp>\\n<nonce>\\n<sha256 hex of the body bytes>"',
  `(timestamp ISO 8601, within ${MAX_CLOCK_SKEW_MS / 60_000} minutes of the server's clock; nonce 16–128`,
  'characters of [A-Za-z0-9_-], never reused). The signature header is base64.',
].join(' ');

function operation(spec: RouteSpec): JsonSchema {
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
      Object.entries(spec.responses).map(([status, answer]) => [
        status,
        {
          description: answer.description,
          ...(answer.schema
            ? { content: { 'application/json': { schema: jsonSchema(answer.schema, 'output') } } }
            : answer.bytes
              ? { content: { 'application/octet-stream': { schema: { type: 'string', format: 'binary' } } } }
              : answer.html
                ? { content: { 'text/html': { schema: { type: 'string' } } } }
                : {}),
        },
      ]),
    ),
  };
  if (spec.signed) op.security = [{ deviceSignature: [] }];
  if (spec.body) {
    op.requestBody = {
      required: true,
      content: spec.body.bytes
        ? {
            'application/octet-stream': {
              schema: { type: 'string', format: 'binary', description: spec.body.description },
            },
          }
        : { 'application/json': { schema: jsonSchema(spec.body.schema, 'input') } },
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
      // An event's payload is checked against the schema of its type.
      schemas: Object.fromEntries(
        Object.entries(EVENT_PAYLOADS).map(([type, schema]) => [`payload.${type}`, jsonSchema(schema, 'input')]),
      ),
    },
  };
}

export function openApiText(): string {
  return `${JSON.stringify(openApiDocument(), null, 2)}\n`;
}
