// Days as the backend counts them (local calendar days, YYYY-MM-DD) and the
// files it writes, handed to the browser as a download.
import dayjs, { type Dayjs } from 'dayjs';
import type { MethodOutput } from '../../../shared/rpc/contract.ts';

export const DAY_FORMAT = 'YYYY-MM-DD';

export function today(): string {
  return dayjs().format(DAY_FORMAT);
}

export function toDay(value: Dayjs): string {
  return value.format(DAY_FORMAT);
}

export function fromDay(day: string): Dayjs {
  return dayjs(day);
}

/** The first and last day of the month `day` falls in. */
export function monthOf(day: Dayjs): [Dayjs, Dayjs] {
  return [day.startOf('month'), day.endOf('month')];
}

type ExportFile = MethodOutput<'supervision.exportLedger'>;

/** Saves an export (base64 from the backend) under the name the backend gave it. */
export function download(file: ExportFile): void {
  const bytes = Uint8Array.from(atob(file.data), (ch) => ch.charCodeAt(0));
  const url = URL.createObjectURL(new Blob([bytes], { type: file.mediaType }));
  const link = document.createElement('a');
  link.href = url;
  link.download = file.fileName;
  document.body.appendChild(link);
  link.click();
  link.remove();
  // The click has handed the blob to the download by the time the next task runs.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
