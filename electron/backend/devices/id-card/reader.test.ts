// The reader drivers against the simulator speaking the protocol's bytes: in
// process for every card and fault, and once over a real pseudo-terminal
// through the serialport package, as a reader on /dev/ttyUSB0 is driven.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { CARD_TYPE_OFFSET, LAYOUTS, TEXT_BYTES } from './card-text.ts';
import { FIXTURE_CARDS } from './fixtures.ts';
import { LoopbackIdCardReader, loopbackReaderUrl } from './loopback.ts';
import { encodeRequest, encodeResponse, FrameParser, STATUS } from './protocol.ts';
import { RESOURCES } from '../../../../shared/i18n/index.ts';
import { LANGUAGES } from '../../../../shared/languages.ts';
import { REFUSALS, splitReadData, type ReadResult } from './reader.ts';
import { SerialIdCardReader } from './serial.ts';
import { SimulatedIdCardReader, startPtySimulator, type PtySimulator, type SimulatorState } from './simulator.ts';

const read = (state: SimulatorState): Promise<ReadResult> =>
  new SimulatedIdCardReader(state).read(AbortSignal.timeout(10_000));

describe('frames', () => {
  it('encodes the commands as readers expect them on the wire', () => {
    expect(encodeRequest('findCard').toString('hex')).toBe('aaaaaa96690003200122');
    expect(encodeRequest('selectCard').toString('hex')).toBe('aaaaaa96690003200221');
    expect(encodeRequest('readTextPhoto').toString('hex')).toBe('aaaaaa96690003300132');
    expect(encodeRequest('readTextPhotoFingerprint').toString('hex')).toBe('aaaaaa96690003301023');
    expect(encodeRequest('samStatus').toString('hex')).toBe('aaaaaa9669000311ffed');
  });

  it('parses an answer split anywhere, after noise, and reports a bad checksum without a frame', () => {
    const answer = encodeResponse(STATUS.card_found, Buffer.from([0, 0, 0, 0]));
    expect(answer.toString('hex')).toBe('aaaaaa9669000800009f0000000097');
    const parser = new FrameParser();
    const bytes = Buffer.concat([Buffer.from([0x13, 0xaa, 0xaa]), answer]);
    const parsed = [...bytes].flatMap((byte) => parser.push(Buffer.from([byte])));
    expect(parsed).toEqual([{ kind: 'frame', body: Buffer.from([0, 0, 0x9f, 0, 0, 0, 0]) }]);
    const broken = Buffer.from(answer);
    broken[broken.length - 1]! ^= 1;
    expect(new FrameParser().push(broken)).toEqual([{ kind: 'corrupt' }]);
  });

  it('lays out each card type in 256 bytes with the type character at byte 248', () => {
    for (const layout of Object.values(LAYOUTS)) {
      expect(layout.reduce((sum, [, bytes]) => sum + bytes, 0)).toBe(TEXT_BYTES);
      let offset = 0;
      for (const [field, bytes] of layout) {
        if (field === 'cardType') expect(offset).toBe(CARD_TYPE_OFFSET);
        offset += bytes;
      }
    }
  });

  it('reads the fingerprint variant’s lengths and drops the templates', () => {
    const { text, wlt } = FIXTURE_CARDS.resident;
    const lengths = Buffer.from([0x01, 0x00, 0x04, 0x00, 0x04, 0x00]);
    const data = Buffer.concat([lengths, text, wlt, Buffer.alloc(1024, 7)]);
    const split = splitReadData(data, true);
    expect(split.text).toEqual(text);
    expect(split.wlt).toEqual(wlt);
    expect(() => splitReadData(data.subarray(0, -1), true)).toThrow(/bad_data/);
  });
});

describe('refusals', () => {
  it('each has a message for the clerk in every language', () => {
    for (const language of LANGUAGES) {
      const reasons = RESOURCES[language].reasons as Record<string, string | undefined>;
      for (const refusal of REFUSALS) expect(reasons[`id_card_${refusal}`], `${language} ${refusal}`).toBeTruthy();
    }
  });
});

describe('the simulated reader, in process', () => {
  it('reads a resident card whole', async () => {
    const result = await read({ card: 'resident', fault: 'none' });
    expect(result).toEqual({
      ok: true,
      card: {
        identity: {
          cardType: 'resident',
          idKind: 'resident_id',
          name: '测试样',
          sex: 'female',
          ethnicity: '汉',
          birthDate: '1988-05-12',
          address: '江西省赣州市石城县琴江镇样例路18号',
          idNumber: expect.stringMatching(/^36073019880512402[0-9X]$/),
          authority: '石城县公安局',
          validFrom: '2016-03-01',
          validTo: '2036-03-01',
        },
        wlt: FIXTURE_CARDS.resident.wlt,
      },
    });
  });

  it('reads a card valid for life, a residence permit and a permanent residence card', async () => {
    const longTerm = await read({ card: 'resident_long_term', fault: 'none' });
    expect(longTerm.ok && longTerm.card.identity).toMatchObject({ validTo: null, ethnicity: '回', sex: 'male' });
    const permit = await read({ card: 'hk_permit', fault: 'none' });
    expect(permit.ok && permit.card.identity).toMatchObject({
      cardType: 'hmt_permit',
      idKind: 'hkmo_residence_permit',
      passNumber: 'H12345678',
      birthDate: '1990-02-15',
    });
    expect(permit.ok && 'ethnicity' in permit.card.identity).toBe(false);
    const foreign = await read({ card: 'foreign_permanent', fault: 'none' });
    expect(foreign.ok && foreign.card.identity).toMatchObject({
      cardType: 'foreign_permanent',
      idKind: 'foreign_permanent_resident_id',
      name: '样亚历',
      englishName: 'SAMPLE, ALEX',
      nationality: 'CAN',
      birthDate: '1988-06-15',
      validTo: '2028-01-01',
    });
    expect(foreign.ok && 'address' in foreign.card.identity).toBe(false);
  });

  it('reads through line noise before each answer', async () => {
    expect((await read({ card: 'resident', fault: 'noisy' })).ok).toBe(true);
  });

  it('refuses each fault with its reason and no identity', async () => {
    const cases: [SimulatorState['fault'], string][] = [
      ['no_card', 'no_card'],
      ['bad_checksum', 'bad_checksum'],
      ['wrong_status', 'bad_status'],
      ['lifted', 'lifted'],
      ['unplugged', 'unplugged'],
    ];
    for (const [fault, refusal] of cases) {
      const result = await read({ card: 'resident', fault });
      expect(result, fault).toEqual({
        ok: false,
        refusal,
        ...(fault === 'wrong_status' ? { status: 'verification_failed' } : {}),
      });
    }
  });

  it('gives up on a reader that never answers, as a timeout', async () => {
    const controller = new AbortController();
    const pending = new SimulatedIdCardReader({ card: 'resident', fault: 'silent' }).read(controller.signal);
    controller.abort();
    expect(await pending).toEqual({ ok: false, refusal: 'timeout' });
  });
});

describe('the serial driver over a pseudo-terminal', () => {
  let pty: PtySimulator | undefined;
  afterEach(async () => {
    await pty?.close();
    pty = undefined;
  });

  it('reads a card; refuses a lifted one, a bad checksum and a vanished port', async () => {
    pty = await startPtySimulator({ card: 'hk_permit', fault: 'none' });
    const reader = new SerialIdCardReader(pty.path);
    const first = await reader.read(AbortSignal.timeout(10_000));
    expect(first.ok && first.card.identity.idKind).toBe('hkmo_residence_permit');
    pty.state.fault = 'lifted';
    expect(await reader.read(AbortSignal.timeout(10_000))).toEqual({ ok: false, refusal: 'lifted' });
    pty.state.fault = 'bad_checksum';
    expect(await reader.read(AbortSignal.timeout(10_000))).toEqual({ ok: false, refusal: 'bad_checksum' });
    // Pulled out in the middle of a read, then gone for the next one.
    pty.state.fault = 'unplugged';
    expect(await reader.read(AbortSignal.timeout(10_000))).toEqual({ ok: false, refusal: 'unplugged' });
    await pty.close();
    expect(await reader.read(AbortSignal.timeout(10_000))).toEqual({ ok: false, refusal: 'unplugged' });
  });

  // On a line of its own: a read that ends unanswered may leave its request on the way to the simulator, and a
  // fault set for the next read would then meet it (an unplug before that read began).
  it('gives up on a reader that never answers, at the deadline the read was given', async () => {
    pty = await startPtySimulator({ card: 'resident', fault: 'silent' });
    const reader = new SerialIdCardReader(pty.path);
    expect(await reader.read(AbortSignal.timeout(300))).toEqual({ ok: false, refusal: 'timeout' });
  });
});

describe('the loopback driver', () => {
  let server: http.Server | undefined;
  afterEach(() => server?.close());

  async function serve(answer: unknown): Promise<string> {
    server = http.createServer((_, response) => response.end(JSON.stringify(answer)));
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  it('takes only a literal loopback address', () => {
    expect(loopbackReaderUrl('http://127.0.0.1:19196/')).toBe('http://127.0.0.1:19196');
    for (const url of ['http://localhost:19196', 'http://192.168.1.9:19196', 'https://127.0.0.1']) {
      expect(loopbackReaderUrl(url), url).toBeNull();
    }
  });

  it('checks the service’s card text as the serial driver does', async () => {
    const { text, wlt } = FIXTURE_CARDS.foreign_permanent;
    const good = await serve({ status: 0x90, text: text.toString('base64'), photo: wlt.toString('base64') });
    const result = await new LoopbackIdCardReader(good).read(AbortSignal.timeout(5_000));
    expect(result.ok && result.card.identity.nationality).toBe('CAN');
    server!.close();
    const broken = Buffer.from(text);
    // The sex code (after the 120 bytes of English name) becomes 7, which no card carries.
    broken.write('7', 120, 'utf16le');
    const bad = await serve({ status: 0x90, text: broken.toString('base64'), photo: '' });
    expect(await new LoopbackIdCardReader(bad).read(AbortSignal.timeout(5_000))).toEqual({
      ok: false,
      refusal: 'bad_data',
    });
    server!.close();
    const lifted = await serve({ status: 0x41 });
    expect(await new LoopbackIdCardReader(lifted).read(AbortSignal.timeout(5_000))).toEqual({
      ok: false,
      refusal: 'lifted',
    });
  });
});
