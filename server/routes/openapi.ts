// GET /openapi.json: the protocol's OpenAPI document, generated once at start
// from the route table (openapi.ts), the same as the checked-in openapi.json.
import { openApiDocument } from '../openapi.ts';
import type { Handlers } from './context.ts';

export function openApiRoutes(): Handlers<'openapi'> {
  const document = openApiDocument();
  return {
    async openapi() {
      return document;
    },
  };
}
