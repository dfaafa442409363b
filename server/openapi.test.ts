import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { OPENAPI_FILE, openApiDocument } from './openapi.ts';
import { ROUTES } from './routes.ts';
import { injectTransport, startServer, type TestServer } from '../tests/support/server.ts';

let server: TestServer | undefined;
afterEach(async () => server?.close());

describe('OpenAPI document', () => {
  it('is checked in as generated (regenerate: npm run server -- openapi --write)', () => {
    expect(JSON.parse(readFileSync(OPENAPI_FILE, 'utf8'))).toEqual(openApiDocument());
  });

  it('lists every route of the table, and the server serves it unsigned', async () => {
    const document = openApiDocument() as { paths: Record<string, Record<string, { operationId: string }>> };
    const operations = Object.values(document.paths).flatMap((methods) => Object.values(methods));
    expect(operations.map((op) => op.operationId).sort()).toEqual(ROUTES.map((r) => r.operationId).sort());
    server = await startServer();
    const answer = await injectTransport(server.app)({ method: 'GET', url: '/openapi.json', headers: {} });
    expect(answer.status).toBe(200);
    expect(answer.json()).toEqual(document);
  });

  it('answers routes outside the table with 404', async () => {
    server = await startServer();
    const answer = await injectTransport(server.app)({ method: 'GET', url: '/v1/nothing', headers: {} });
    expect(answer.status).toBe(404);
    expect(answer.json()).toMatchObject({ error: 'not_found' });
  });
});
