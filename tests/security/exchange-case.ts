// What the at-rest and retention tests share: a server with an intake window
// and an acceptance desk, a case taken in with a scan and concluded, and a
// device that acknowledges by pulling past what it was given.
import { createHash, randomBytes } from 'node:crypto';
import { expect } from 'vitest';
import type { WireEvent } from '../../shared/sync/protocol.ts';
import {
  decision,
  enroll,
  injectTransport,
  newCase,
  SERVER_REGION,
  startServer,
  type TestDevice,
  type TestServer,
} from '../support/server.ts';

export interface ExchangeSite {
  server: TestServer;
  window3: TestDevice;
  desk: TestDevice;
}

export async function exchangeSite(): Promise<ExchangeSite> {
  const server = await startServer();
  const transport = injectTransport(server.app);
  const window3 = await enroll(server, transport);
  const desk = await enroll(server, transport, { kind: 'acceptance', regionCode: SERVER_REGION });
  return { server, window3, desk };
}

/** Scan bytes with a marker that must never be found in clear on the server's disk or database. */
export function scanBytes(): { bytes: Buffer; marker: string; sha256: string } {
  const marker = `SCAN-OF-ID-CARD-${randomBytes(8).toString('hex')}`;
  const bytes = Buffer.concat([Buffer.from('\x89PNG\r\n\x1a\n'), Buffer.from(marker.repeat(20)), randomBytes(2000)]);
  return { bytes, marker, sha256: createHash('sha256').update(bytes).digest('hex') };
}

export interface PushedCase {
  caseId: string;
  events: WireEvent[];
  scan: ReturnType<typeof scanBytes>;
}

/** A case taken in with a scan, then decided by the desk (`decisions`, e.g. accepted and concluded). */
export async function pushCase(site: ExchangeSite, decisions: readonly string[]): Promise<PushedCase> {
  const scan = scanBytes();
  expect((await site.window3.putChunk(scan.sha256, scan.bytes, 0, scan.bytes.length)).status).toBe(200);
  const taken = newCase({ scans: [{ sha256: scan.sha256, materialId: 'id_card' }] });
  const events = [taken.received, taken.materials];
  for (const result of await site.window3.push(events)) expect(result.status).toBe('accepted');
  for (const type of decisions) {
    const event = decision(taken.caseId, site.desk, type, 'handling_officer');
    expect((await site.desk.push([event]))[0]!.status).toBe('accepted');
    events.push(event);
  }
  return { caseId: taken.caseId, events, scan };
}

export const CONCLUDED = ['case.accepted', 'case.concluded_approved'] as const;

/** Pulls everything there is, then pulls once more from the cursor: the server now knows the device has it all. */
export async function acknowledge(device: TestDevice): Promise<void> {
  let cursor = 0;
  for (;;) {
    const page = await device.pull(cursor);
    cursor = page.cursor;
    if (page.events.length === 0) return;
  }
}
