// A signature pad on loopback that needs no pad: it speaks the protocol of
// README.md and answers with a drawn stroke, so tests and a developer without
// the hardware go through the real driver. It can be told to take its time,
// to report a cancelled signature or to answer an image that is no PNG.
//
//   node electron/backend/devices/signature-pad-simulator.ts --port 38088 [--answer cancel] [--delay 5000]
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';
import { crc32, deflateSync } from 'node:zlib';

export const SIMULATOR_ANSWERS = ['signature', 'cancel', 'garbage'] as const;

export interface SimulatorBehaviour {
  /** signature: a PNG; cancel: an empty image, as a pad reports 取消; garbage: base64 of bytes that are no PNG. */
  answer: (typeof SIMULATOR_ANSWERS)[number];
  /** How long the "person" takes to sign. */
  delayMs: number;
}

export interface SignaturePadSimulator {
  /** The base URL to configure, e.g. http://127.0.0.1:38088. */
  readonly url: string;
  /** The prompts of the signing requests received, in order. */
  readonly prompts: string[];
  /** Changes what the next requests get. */
  behave(behaviour: Partial<SimulatorBehaviour>): void;
  close(): Promise<void>;
}

/** One PNG chunk: length, type, data, CRC (also used by the tests' image maker). */
export function pngChunk(type: string, data: Buffer): Buffer {
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** A grey-scale PNG with a dark wave on white; each stroke number gives another wave, so each signature is its own file. */
export function signaturePng(stroke: number, width = 240, height = 80): Buffer {
  const rows = Array.from({ length: height }, (_, y) => {
    const row = Buffer.alloc(width + 1, 0xff);
    row[0] = 0; // filter: none
    for (let x = 0; x < width; x++) {
      const wave = height / 2 + (height / 4) * Math.sin(x / 15 + stroke * 0.7);
      if (Math.abs(y - wave) < 2) row[x + 1] = 0x20;
    }
    return row;
  });
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 0; // grey-scale
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', ihdr),
    pngChunk('IDAT', deflateSync(Buffer.concat(rows))),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

export async function startSignaturePadSimulator(
  options: { port?: number; host?: string } & Partial<SimulatorBehaviour> = {},
): Promise<SignaturePadSimulator> {
  const behaviour: SimulatorBehaviour = { answer: options.answer ?? 'signature', delayMs: options.delayMs ?? 0 };
  const prompts: string[] = [];
  let strokes = 0;

  const server = http.createServer((request, response) => {
    if (request.method !== 'POST' || request.url !== '/sign=start') {
      response.writeHead(404).end();
      return;
    }
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.once('end', () => {
      let prompt: unknown;
      try {
        prompt = (JSON.parse(Buffer.concat(chunks).toString('utf8')) as { prompt?: unknown }).prompt;
      } catch {
        prompt = undefined;
      }
      if (typeof prompt !== 'string') {
        response.writeHead(400).end();
        return;
      }
      prompts.push(prompt);
      const { answer, delayMs } = behaviour;
      const image =
        answer === 'signature'
          ? signaturePng(++strokes).toString('base64')
          : answer === 'garbage'
            ? Buffer.from('GIF89a: not what a pad should send').toString('base64')
            : '';
      const timer = setTimeout(() => {
        response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ image }));
      }, delayMs);
      // The driver gave up (its deadline, or the test is over): no answer to a closed socket.
      response.once('close', () => clearTimeout(timer));
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `http://${host}:${address.port}`,
    prompts,
    behave: (change) => Object.assign(behaviour, change),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

if (import.meta.main) {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '38088' },
      host: { type: 'string', default: '127.0.0.1' },
      answer: { type: 'string', default: 'signature' },
      delay: { type: 'string', default: '0' },
    },
  });
  const answer = SIMULATOR_ANSWERS.find((a) => a === values.answer);
  if (!answer) throw new Error(`--answer must be one of ${SIMULATOR_ANSWERS.join(', ')}`);
  const simulator = await startSignaturePadSimulator({
    port: Number(values.port),
    host: values.host,
    answer,
    delayMs: Number(values.delay),
  });
  console.log(`Signature pad simulator on ${simulator.url} (POST ${simulator.url}/sign=start)`);
}
