import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { EVENT_PAYLOADS } from '../shared/case/events.ts';
import { openApiDocument, openApiText } from './openapi.ts';
import { ROUTES } from './routes.ts';
import { tempDir } from '../tests/support/server.ts';

const REDOCLY = new URL('../node_modules/@redocly/cli/bin/cli.js', import.meta.url).pathname;

interface LintReport {
  totals: { errors: number; warnings: number };
  problems: { ruleId: string; severity: 'error' | 'warn'; message: string; location: { pointer?: string }[] }[];
}

/** Redocly's linter with its recommended rules on `text`, in a folder of its own so no config file is picked up. */
async function lint(text: string): Promise<LintReport> {
  const dir = tempDir();
  try {
    const file = join(dir.path, 'openapi.json');
    writeFileSync(file, text);
    const run = await promisify(execFile)(
      process.execPath,
      [REDOCLY, 'lint', '--format=json', '--extends=recommended', file],
      {
        cwd: dir.path,
        env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
        maxBuffer: 16 * 1024 * 1024,
      },
    ).catch((failed: { stdout?: string }) => ({ stdout: failed.stdout ?? '' }));
    return JSON.parse(run.stdout) as LintReport;
  } finally {
    dir.remove();
  }
}

type Operation = {
  security: unknown[];
  requestBody?: { content: Record<string, { schema: { properties: { events: { items: Record<string, unknown> } } } }> };
};

describe('OpenAPI document, linted', () => {
  it("passes Redocly's recommended rules with no error", async () => {
    const report = await lint(openApiText());
    const errors = report.problems.filter((problem) => problem.severity === 'error');
    expect(errors.map((e) => `${e.ruleId}: ${e.message} at ${e.location[0]?.pointer ?? '?'}`)).toEqual([]);
    expect(report.totals.errors).toBe(0);
    // What is left as a warning: no licence to name (the project is not published), and routes that cannot fail
    // with a 4xx (the health checks, this document).
    expect([...new Set(report.problems.map((problem) => problem.ruleId))].sort()).toEqual([
      'info-license',
      'operation-4xx-response',
    ]);
  }, 60_000);

  it('says which routes need no signature, and takes pushed events as a union told apart by type', () => {
    const document = openApiDocument() as {
      paths: Record<string, Record<string, Operation>>;
      components: { schemas: Record<string, unknown> };
    };
    for (const route of ROUTES) {
      const op = document.paths[route.path.replace(/:(\w+)/g, '{$1}')]![route.method.toLowerCase()]!;
      expect(op.security).toEqual(route.signed ? [{ deviceSignature: [] }] : []);
    }
    const events =
      document.paths['/v1/events']!.post!.requestBody!.content['application/json']!.schema.properties.events.items;
    const types = Object.keys(EVENT_PAYLOADS);
    expect(events.oneOf).toEqual(types.map((type) => ({ $ref: `#/components/schemas/event.${type}` })));
    expect(events.discriminator).toEqual({
      propertyName: 'type',
      mapping: Object.fromEntries(types.map((type) => [type, `#/components/schemas/event.${type}`])),
    });
    for (const type of types) {
      expect(document.components.schemas[`event.${type}`]).toMatchObject({
        allOf: [
          { $ref: '#/components/schemas/event' },
          { properties: { type: { const: type }, payload: { $ref: `#/components/schemas/payload.${type}` } } },
        ],
      });
    }
  });
});
