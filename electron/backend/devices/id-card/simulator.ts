// A SAM ID-card reader that needs no reader: it answers the protocol's bytes
// with a card from the fixture set, over an in-process stream (tests, and the
// "simulator" reader setting for demos and browser-mode tests) or over a
// pseudo-terminal that the serial driver opens like a real port. It can be told
// to fail the ways real readers do.
//
//   node electron/backend/devices/id-card/simulator.ts --pty [--card resident] [--fault lifted]
//
// The pty comes from python3's standard pty module: no package to install, and
// its relay keeps the terminal's far side open, so a driver may open and close
// the port for each read as it does with a real one.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { duplexPair, type Duplex } from 'node:stream';
import { parseArgs } from 'node:util';
import { SIMULATOR_FAULTS } from '../../../../shared/rpc/methods/id-card.ts';
import { FIXTURE_CARD_NAMES, FIXTURE_CARDS, type FixtureCardName } from './fixtures.ts';
import { decodeRequest, encodeResponse, FrameParser, STATUS } from './protocol.ts';
import { asResult, readCardOver, type IdCardReader, type ReadResult } from './reader.ts';

export type SimulatorFault = (typeof SIMULATOR_FAULTS)[number];

export interface SimulatorState {
  /** The card on the reader. */
  card: FixtureCardName;
  /**
   * none: reads the card; no_card: nothing on the reader; bad_checksum: the read answer's checksum is wrong;
   * wrong_status: the read answers "information verification failed"; silent: never answers; lifted: finds the
   * card, then it is gone; unplugged: the line closes at the first command; noisy: line noise before each answer.
   */
  fault: SimulatorFault;
}

/** Stray bytes, a preamble with an impossible length, and one whose length swallows the start of the real answer. */
const NOISE = Buffer.from([
  0x00, 0xaa, 0xaa, 0x96, 0xff, 0x13, 0xaa, 0xaa, 0xaa, 0x96, 0x69, 0xff, 0xff, 0x42, 0xaa, 0xaa, 0xaa, 0x96, 0x69,
  0x00, 0x05,
]);

/** The answer to one request body, or what the line does instead. */
function answer(body: Buffer, state: SimulatorState): Buffer | 'silence' | 'unplug' {
  const { command } = decodeRequest(body);
  const { fault } = state;
  if (fault === 'silent') return 'silence';
  if (fault === 'unplugged') return 'unplug';
  const card = FIXTURE_CARDS[state.card];
  switch (command) {
    case 'reset':
    case 'samStatus':
      return encodeResponse(STATUS.ok);
    case 'samId':
      return encodeResponse(STATUS.ok, Buffer.alloc(16, 0x05));
    case 'findCard':
      return fault === 'no_card'
        ? encodeResponse(STATUS.find_failed)
        : encodeResponse(STATUS.card_found, Buffer.from([0, 0, 0, 0]));
    case 'selectCard':
      return encodeResponse(STATUS.ok, Buffer.alloc(8));
    case 'readTextPhoto':
    case 'readTextPhotoFingerprint': {
      if (fault === 'lifted') return encodeResponse(STATUS.read_failed);
      if (fault === 'wrong_status') return encodeResponse(STATUS.verification_failed);
      const fingerprint = command === 'readTextPhotoFingerprint';
      const lengths = Buffer.alloc(fingerprint ? 6 : 4);
      lengths.writeUInt16BE(card.text.length, 0);
      lengths.writeUInt16BE(card.wlt.length, 2);
      // The fixture people gave no fingerprints: a zero length, as a reader answers for such a card.
      const frame = encodeResponse(STATUS.ok, Buffer.concat([lengths, card.text, card.wlt]));
      if (fault === 'bad_checksum') frame[frame.length - 1]! ^= 0x5a;
      return frame;
    }
    default:
      return encodeResponse(STATUS.command_error);
  }
}

/** Answers every request that arrives on the stream, as the state says at that moment. */
export function attachSimulator(
  stream: Duplex,
  state: SimulatorState,
  unplug: () => void = () => stream.destroy(),
): void {
  const parser = new FrameParser();
  stream.on('data', (chunk: Buffer) => {
    for (const parsed of parser.push(chunk)) {
      // A real SAM answers a corrupted request with its checksum status.
      const reply = parsed.kind === 'corrupt' ? encodeResponse(STATUS.checksum_error) : answer(parsed.body, state);
      if (reply === 'silence') continue;
      if (reply === 'unplug') return unplug();
      stream.write(state.fault === 'noisy' ? Buffer.concat([NOISE, reply]) : reply);
    }
  });
}

/** The simulator as a driver: a fresh in-process line for each read, as a port opened for each read. */
export class SimulatedIdCardReader implements IdCardReader {
  readonly state: SimulatorState;

  constructor(state: SimulatorState) {
    this.state = state;
  }

  read(signal: AbortSignal): Promise<ReadResult> {
    const [driverSide, readerSide] = duplexPair();
    attachSimulator(readerSide, this.state, () => {
      readerSide.destroy();
      driverSide.destroy();
    });
    return asResult(() => readCardOver(driverSide, signal)).finally(() => {
      driverSide.destroy();
      readerSide.destroy();
    });
  }
}

const PTY_RELAY = `
import os, pty, select, sys, tty
master, slave = pty.openpty()
tty.setraw(master)
tty.setraw(slave)
print(os.ttyname(slave), flush=True)
while True:
    ready = select.select([0, master], [], [])[0]
    if 0 in ready:
        data = os.read(0, 65536)
        if not data:
            break
        os.write(master, data)
    if master in ready:
        os.write(1, os.read(master, 65536))
`;

export interface PtySimulator {
  /** The device path to open as a serial port, e.g. /dev/pts/7. */
  readonly path: string;
  readonly state: SimulatorState;
  /** Pulls the plug: the device path goes away. */
  close(): Promise<void>;
}

/** The simulator behind a pseudo-terminal: the serial driver opens its path as it would /dev/ttyUSB0. */
export async function startPtySimulator(state: SimulatorState): Promise<PtySimulator> {
  const relay: ChildProcess = spawn('python3', ['-u', '-c', PTY_RELAY], { stdio: ['pipe', 'pipe', 'inherit'] });
  const spawned = once(relay, 'spawn');
  await spawned;
  const lines = createInterface({ input: relay.stdout! });
  const [path] = (await once(lines, 'line')) as [string];
  lines.close();
  // Closing the line reader paused the pipe; the driver's bytes flow through it from here.
  relay.stdout!.resume();
  // From here the relay's stdout carries the driver's bytes: wire the simulator to its pipes.
  const wire = duplexPair();
  attachSimulator(wire[1], state, () => void relay.kill());
  relay.stdout!.on('data', (chunk: Buffer) => wire[0].write(chunk));
  wire[0].on('data', (chunk: Buffer) => {
    if (relay.stdin!.writable) relay.stdin!.write(chunk);
  });
  return {
    path,
    state,
    close: async () => {
      if (relay.exitCode === null && relay.signalCode === null) {
        const exited = once(relay, 'exit');
        relay.kill();
        await exited;
      }
      wire[0].destroy();
    },
  };
}

if (import.meta.main) {
  const { values } = parseArgs({
    options: {
      pty: { type: 'boolean', default: false },
      card: { type: 'string', default: 'resident' },
      fault: { type: 'string', default: 'none' },
    },
  });
  const card = FIXTURE_CARD_NAMES.find((name) => name === values.card);
  const fault = SIMULATOR_FAULTS.find((name) => name === values.fault);
  if (!card) throw new Error(`--card must be one of ${FIXTURE_CARD_NAMES.join(', ')}`);
  if (!fault) throw new Error(`--fault must be one of ${SIMULATOR_FAULTS.join(', ')}`);
  if (!values.pty) throw new Error('Pass --pty: the simulator serves a pseudo-terminal for the serial driver.');
  const simulator = await startPtySimulator({ card, fault });
  console.log(`ID-card reader simulator on ${simulator.path} (card ${card}, fault ${fault}); Ctrl+C to unplug.`);
}
