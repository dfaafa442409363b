import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { connect, createServer, type AddressInfo, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sniffMediaType } from '../services/blobs.ts';
import { HttpSignaturePad, loopbackPadUrl, SignaturePadError } from './signature-pad.ts';
import { startSignaturePadSimulator, type SignaturePadSimulator } from './signature-pad-simulator.ts';

const never = new AbortController().signal;

async function failure(promise: Promise<unknown>): Promise<SignaturePadError> {
  const error = await promise.then(
    () => null,
    (thrown: unknown) => thrown,
  );
  if (!(error instanceof SignaturePadError)) throw new Error(`expected a SignaturePadError, got ${String(error)}`);
  return error;
}

/** A free loopback port that nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('loopbackPadUrl', () => {
  it('takes plain http on 127.0.0.1, localhost and [::1], without a trailing slash', () => {
    expect(loopbackPadUrl('http://127.0.0.1:38088/')).toBe('http://127.0.0.1:38088');
    expect(loopbackPadUrl('http://LOCALHOST:38088')).toBe('http://localhost:38088');
    expect(loopbackPadUrl('http://[0:0:0:0:0:0:0:1]:38088/pad/')).toBe('http://[::1]:38088/pad');
  });

  it('refuses anything that could leave the machine or carry more than an address', () => {
    for (const url of [
      'http://192.168.1.20:38088',
      'http://10.0.0.1',
      'http://pad.example.cn:38088',
      'http://localhost.example.cn',
      'http://127.0.0.1.nip.io',
      'https://127.0.0.1:38088',
      'http://user:pw@127.0.0.1:38088',
      'http://127.0.0.1:38088/?next=http://x',
      'file:///etc/passwd',
      'not a url',
    ]) {
      expect(loopbackPadUrl(url), url).toBeNull();
    }
  });

  it('is checked by the driver too', () => {
    expect(() => new HttpSignaturePad('http://192.168.1.20:38088')).toThrow(SignaturePadError);
  });
});

describe('HttpSignaturePad against the simulator', () => {
  let simulator: SignaturePadSimulator;
  let pad: HttpSignaturePad;

  beforeAll(async () => {
    simulator = await startSignaturePadSimulator();
    pad = new HttpSignaturePad(simulator.url);
  });
  afterAll(() => simulator.close());

  it('sends the prompt and returns the signed PNG, a new file each time', async () => {
    simulator.behave({ answer: 'signature', delayMs: 0 });
    const first = await pad.capture('请签名确认领取', never);
    const second = await pad.capture('', never);
    expect(sniffMediaType(first.png)).toBe('image/png');
    expect(first.png.equals(second.png)).toBe(false);
    expect(simulator.prompts.slice(-2)).toEqual(['请签名确认领取', '']);
  });

  it('waits for a person who takes their time', async () => {
    simulator.behave({ answer: 'signature', delayMs: 400 });
    const { png } = await new HttpSignaturePad(simulator.url, { connectTimeoutMs: 100 }).capture('slow', never);
    expect(sniffMediaType(png)).toBe('image/png');
  });

  it('reports a cancelled or empty signature', async () => {
    simulator.behave({ answer: 'cancel', delayMs: 0 });
    expect((await failure(pad.capture('x', never))).kind).toBe('cancelled');
  });

  it('refuses an image that is not a PNG', async () => {
    simulator.behave({ answer: 'garbage', delayMs: 0 });
    expect((await failure(pad.capture('x', never))).kind).toBe('invalid');
  });

  it('gives up with the caller’s signal, rejecting with its reason', async () => {
    simulator.behave({ answer: 'signature', delayMs: 10_000 });
    const started = Date.now();
    const error = await pad.capture('x', AbortSignal.timeout(200)).catch((thrown: unknown) => thrown);
    expect((error as Error).name).toBe('TimeoutError');
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('reaches the simulator by the name localhost', async () => {
    simulator.behave({ answer: 'signature', delayMs: 0 });
    const { png } = await new HttpSignaturePad(simulator.url.replace('127.0.0.1', 'localhost')).capture('x', never);
    expect(sniffMediaType(png)).toBe('image/png');
  });
});

describe('HttpSignaturePad without a working pad', () => {
  it('fails at once when nothing listens', async () => {
    const started = Date.now();
    const error = await failure(new HttpSignaturePad(`http://127.0.0.1:${await closedPort()}`).capture('x', never));
    expect(error.kind).toBe('unreachable');
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  // A frozen pad service whose accept queue is full: the kernel drops new connections' SYNs, so connect hangs.
  it.skipIf(process.platform === 'win32')(
    'fails in its connect time when the pad does not take the connection',
    async () => {
      const child = spawn(process.execPath, [
        '-e',
        "require('node:net').createServer().listen({ port: 0, host: '127.0.0.1', backlog: 1 }, function () { console.log(this.address().port) })",
      ]);
      const fillers: Socket[] = [];
      try {
        const [line] = (await once(child.stdout, 'data')) as [Buffer];
        const port = Number(line.toString().trim());
        child.kill('SIGSTOP');
        // Connections the stopped service will never accept, until one no longer completes: the queue is full.
        for (let i = 0; i < 8; i++) {
          const socket = connect(port, '127.0.0.1');
          fillers.push(socket);
          const connected = await Promise.race([
            once(socket, 'connect').then(() => true),
            new Promise((resolve) => setTimeout(() => resolve(false), 300)),
          ]);
          if (!connected) break;
        }
        const started = Date.now();
        const error = await failure(
          new HttpSignaturePad(`http://127.0.0.1:${port}`, { connectTimeoutMs: 300 }).capture('x', never),
        );
        expect(error.kind).toBe('unreachable');
        expect(Date.now() - started).toBeLessThan(2_000);
      } finally {
        fillers.forEach((socket) => socket.destroy());
        child.kill('SIGKILL');
      }
    },
  );
});
