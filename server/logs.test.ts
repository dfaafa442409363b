import { afterEach, describe, expect, it } from 'vitest';
import { SIGNATURE_HEADERS } from '../shared/sync/protocol.ts';
import { loggerOptions } from './http/logging.ts';
import {
  APPLICANT,
  enroll,
  injectTransport,
  newCase,
  startServer,
  wire,
  type TestServer,
} from '../tests/support/server.ts';

let server: TestServer;
afterEach(async () => server.close());

describe('logs', () => {
  it('record an enroll, push and pull without a name, an ID number or a signature', async () => {
    const lines: string[] = [];
    server = await startServer({ logger: loggerOptions('debug', { write: (line) => void lines.push(line) }) });
    const transport = injectTransport(server.app);
    const device = await enroll(server, transport);
    const one = newCase();
    const payload = one.received.payload as Record<string, unknown>;
    const invalid = wire({ ...one.received, payload: { ...payload, applicant: { name: APPLICANT.name } } });
    await device.push([invalid, one.received, one.materials]);
    await device.pull(0);
    // Refusals and broken bodies too: their messages must not quote what was sent.
    await device.request('POST', '/events', `{"events": [${JSON.stringify(one.received)}`);
    await transport({
      method: 'POST',
      url: '/v1/events',
      headers: { 'content-type': 'application/json', [SIGNATURE_HEADERS.device]: device.deviceId },
      body: JSON.stringify({ events: [one.received] }),
    });

    const log = lines.join('');
    expect(log).toContain('"event":"push"');
    expect(log).toContain('"accepted":2');
    expect(log).toContain('"statusCode":401');
    for (const secret of [APPLICANT.name, APPLICANT.idNumber, APPLICANT.phone, '黄梅县', 'signature']) {
      expect(log).not.toContain(secret);
    }
  });

  it('record a status look-up without its code', async () => {
    const lines: string[] = [];
    server = await startServer({ logger: loggerOptions('debug', { write: (line) => void lines.push(line) }) });
    await server.app.inject({ method: 'GET', url: '/v1/status?case=360430-20261122-030001-5&code=K7QM3XPD' });
    await server.app.inject({ method: 'GET', url: '/status?lang=en&code=k7qm-3xpd&case=1' });
    const log = lines.join('');
    expect(log).toContain('/v1/status?case=360430-20261122-030001-5&code=…');
    expect(log).toContain('/status?lang=en&code=…&case=1');
    expect(log.toUpperCase()).not.toContain('K7QM');
  });
});
