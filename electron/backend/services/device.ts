import type { DatabaseSync } from 'node:sqlite';
import type { Device } from '../../../shared/rpc/contract.ts';

interface DeviceRow {
  device_id: string;
  name: string;
  region_code: string;
  hall: string;
  window_no: string;
  idle_lock_minutes: number;
  receipt_printer: string | null;
}

export function readDevice(db: DatabaseSync): Device | null {
  const row = db.prepare('SELECT * FROM device WHERE singleton = 1').get() as DeviceRow | undefined;
  if (!row) return null;
  return {
    deviceId: row.device_id,
    name: row.name,
    regionCode: row.region_code,
    hall: row.hall,
    windowNo: row.window_no,
    idleLockMinutes: row.idle_lock_minutes,
    receiptPrinter: row.receipt_printer,
  };
}
