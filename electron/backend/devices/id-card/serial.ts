// The reader on a serial line: RS-232, or USB-CDC that the system shows as a
// serial port (/dev/ttyUSB0, /dev/ttyACM0, COM3). The port is opened for each
// read and closed after it, so a reader unplugged and plugged in again between
// applicants just works, and no other program is locked out in between.
import type { ReadResult, IdCardReader } from './reader.ts';
import { asResult, ReadRefused, readCardOver } from './reader.ts';

export const DEFAULT_BAUD_RATE = 115_200;

export class SerialIdCardReader implements IdCardReader {
  private readonly path: string;
  private readonly baudRate: number;

  constructor(path: string, baudRate = DEFAULT_BAUD_RATE) {
    this.path = path;
    this.baudRate = baudRate;
  }

  read(signal: AbortSignal): Promise<ReadResult> {
    return asResult(async () => {
      // Loaded on first use: a window without a serial reader never loads the native binding.
      const { SerialPort } = await import('serialport');
      // 8N1 is the library's default and the protocol's.
      const port = new SerialPort({ path: this.path, baudRate: this.baudRate, autoOpen: false });
      await new Promise<void>((resolve, reject) =>
        port.open((error) => {
          if (!error) return resolve();
          const code = (error as NodeJS.ErrnoException).code ?? error.message;
          reject(new ReadRefused(/EACCES|EPERM|Access denied/i.test(String(code)) ? 'port_denied' : 'unplugged'));
        }),
      );
      // A port that vanishes under a read reports an error: that is the 'unplugged' the read turns it into.
      port.on('error', () => {});
      try {
        return await readCardOver(port, signal);
      } finally {
        if (port.isOpen) await new Promise<void>((resolve) => port.close(() => resolve()));
      }
    });
  }
}
