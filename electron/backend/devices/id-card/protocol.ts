// The serial protocol of resident ID-card readers with a GA 467 SAM module
// (身份证阅读器 SAM 通信协议), declared once: the driver and the simulator
// both encode and parse frames here.
//
//   request:  AA AA AA 96 69 | len hi | len lo | command | parameter | data… | xor
//   response: AA AA AA 96 69 | len hi | len lo | SW1 | SW2 | SW3     | data… | xor
//
// The length counts every byte after it, checksum included; the checksum is the
// XOR of the length bytes through the last data byte.

export const PREAMBLE = Buffer.from([0xaa, 0xaa, 0xaa, 0x96, 0x69]);
const LENGTH_BYTES = 2;
const HEADER_BYTES = PREAMBLE.length + LENGTH_BYTES;
/**
 * The longest answer is text, photo and two fingerprint templates (2321 bytes
 * on the wire); a length far above it is line noise, not a frame to wait for.
 */
export const MAX_FRAME_LENGTH = 4096;
/** Command and parameter, or SW1–SW3, then the checksum. */
const MIN_FRAME_LENGTH = 3;

export const COMMANDS = {
  reset: [0x10, 0xff], // 复位 SAM
  samStatus: [0x11, 0xff], // SAM 状态检测
  samId: [0x12, 0xff], // 读 SAM 管理信息
  findCard: [0x20, 0x01], // 寻找证/卡
  selectCard: [0x20, 0x02], // 选取证/卡
  readTextPhoto: [0x30, 0x01], // 读固定信息：文字与照片
  readTextPhotoFingerprint: [0x30, 0x10], // 读固定信息：文字、照片与指纹
} as const;
export type CommandName = keyof typeof COMMANDS;

/** SW3, the SAM's own status, as the protocol lists them; SW1/SW2 repeat the card's APDU status and carry no meaning here. */
export const STATUS_CODES = {
  0x90: 'ok', // 操作成功
  0x9f: 'card_found', // 寻找证/卡成功
  0x10: 'checksum_error', // 接收业务终端数据的校验和错
  0x11: 'length_error', // 接收业务终端数据的长度错
  0x21: 'command_error', // 接收业务终端的命令错误
  0x23: 'not_permitted', // 越权操作
  0x24: 'unknown_error', // 无法识别的错误
  0x31: 'card_authentication_failed', // 身份证对阅读器认证失败
  0x32: 'sam_authentication_failed', // 阅读器对身份证认证失败
  0x33: 'verification_failed', // 信息验证错误
  0x40: 'wrong_card', // 错误的卡
  0x41: 'read_failed', // 读证/卡操作失败
  0x47: 'random_failed', // 取随机数失败
  0x60: 'self_test_failed', // SAM 自检失败
  0x66: 'not_authorised', // SAM 未经授权
  0x80: 'find_failed', // 寻找证/卡失败
  0x81: 'select_failed', // 选取证/卡失败
  0x91: 'no_content', // 证/卡中此项无内容
} as const;
export type StatusName = (typeof STATUS_CODES)[keyof typeof STATUS_CODES] | 'unlisted';

export function statusName(sw3: number): StatusName {
  return (STATUS_CODES as Record<number, StatusName | undefined>)[sw3] ?? 'unlisted';
}

export const STATUS = Object.fromEntries(Object.entries(STATUS_CODES).map(([code, name]) => [name, Number(code)])) as {
  [K in (typeof STATUS_CODES)[keyof typeof STATUS_CODES]]: number;
};

function xor(bytes: Uint8Array): number {
  let sum = 0;
  for (const byte of bytes) sum ^= byte;
  return sum;
}

/** A whole frame around a body (command/parameter or status, then data). */
function frame(body: Buffer): Buffer {
  const length = Buffer.alloc(LENGTH_BYTES);
  length.writeUInt16BE(body.length + 1);
  const checked = Buffer.concat([length, body]);
  return Buffer.concat([PREAMBLE, checked, Buffer.from([xor(checked)])]);
}

export function encodeRequest(command: CommandName, data: Buffer = Buffer.alloc(0)): Buffer {
  return frame(Buffer.concat([Buffer.from(COMMANDS[command]), data]));
}

export function encodeResponse(sw3: number, data: Buffer = Buffer.alloc(0)): Buffer {
  return frame(Buffer.concat([Buffer.from([0x00, 0x00, sw3]), data]));
}

export interface Request {
  command: CommandName | null;
  data: Buffer;
}

export interface Response {
  sw3: number;
  status: StatusName;
  data: Buffer;
}

export function decodeRequest(body: Buffer): Request {
  const command =
    (Object.keys(COMMANDS) as CommandName[]).find(
      (name) => COMMANDS[name][0] === body[0] && COMMANDS[name][1] === body[1],
    ) ?? null;
  return { command, data: body.subarray(2) };
}

export function decodeResponse(body: Buffer): Response {
  return { sw3: body[2]!, status: statusName(body[2]!), data: body.subarray(3) };
}

/** What the parser takes out of the byte stream: a frame's body, or a frame that failed its checksum. */
export type Parsed = { kind: 'frame'; body: Buffer } | { kind: 'corrupt' };

/**
 * Cuts frames out of a serial byte stream that may start mid-frame, carry
 * noise, or split a frame anywhere. Each push does bounded work and returns at
 * once; bytes before a preamble, and a preamble with an impossible length, are
 * dropped as noise; a frame whose checksum fails is reported and searched past.
 */
export class FrameParser {
  private buffer = Buffer.alloc(0);

  push(chunk: Buffer): Parsed[] {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    const out: Parsed[] = [];
    for (;;) {
      const start = this.buffer.indexOf(PREAMBLE);
      if (start < 0) {
        // Keep a tail that may be the start of a preamble split across chunks.
        this.buffer = this.buffer.subarray(Math.max(0, this.buffer.length - (PREAMBLE.length - 1)));
        return out;
      }
      this.buffer = this.buffer.subarray(start);
      if (this.buffer.length < HEADER_BYTES) return out;
      const length = this.buffer.readUInt16BE(PREAMBLE.length);
      // An impossible length: the preamble's bytes were noise, not a frame's start.
      if (length < MIN_FRAME_LENGTH || length > MAX_FRAME_LENGTH) {
        this.buffer = this.buffer.subarray(1);
        continue;
      }
      const end = HEADER_BYTES + length;
      if (this.buffer.length < end) return out;
      const checked = this.buffer.subarray(PREAMBLE.length, end - 1);
      if (xor(checked) !== this.buffer[end - 1]) {
        out.push({ kind: 'corrupt' });
        this.buffer = this.buffer.subarray(1);
        continue;
      }
      out.push({ kind: 'frame', body: Buffer.from(this.buffer.subarray(HEADER_BYTES, end - 1)) });
      this.buffer = this.buffer.subarray(end);
    }
  }

  /** Forgets a half-received frame: the next command starts afresh. */
  reset(): void {
    this.buffer = Buffer.alloc(0);
  }
}
