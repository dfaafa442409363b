// The device's own record (a single row): where this window is, how it locks
// and which printer takes its receipts.
import type { DatabaseSync } from 'node:sqlite';
import type { Device } from '../../../shared/rpc/contract.ts';
import { rejected } from '../../../shared/rpc/framing.ts';

interface DeviceRow {
  device_id: string;
  name: string;
  region_code: string;
  hall: string;
  window_no: string;
  idle_lock_minutes: number;
  receipt_printer: string | null;
}

/** What the first run asks for; the rest starts at the schema's defaults. */
export type NewDevice = Pick<Device, 'name' | 'regionCode' | 'hall' | 'windowNo'>;
/** What the administrator may change; a field left undefined keeps its value. */
export type DeviceChanges = { [K in keyof Omit<Device, 'deviceId'>]?: Device[K] | undefined };

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

export function insertDevice(db: DatabaseSync, deviceId: string, device: NewDevice, at: string): void {
  db.prepare(
    'INSERT INTO device (singleton, device_id, name, region_code, hall, window_no, created_at) VALUES (1, ?, ?, ?, ?, ?, ?)',
  ).run(deviceId, device.name, device.regionCode, device.hall, device.windowNo, at);
}

export class DeviceRecord {
  private readonly db: DatabaseSync;

  constructor(db: DatabaseSync) {
    this.db = db;
  }

  read(): Device | null {
    return readDevice(this.db);
  }

  update(changes: DeviceChanges): Device {
    const device = readDevice(this.db);
    if (!device) throw rejected('device_not_set_up', 'This device has not been set up.');
    const next = { ...device, ...Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined)) };
    this.db
      .prepare(
        'UPDATE device SET name = ?, region_code = ?, hall = ?, window_no = ?, idle_lock_minutes = ?, receipt_printer = ? WHERE singleton = 1',
      )
      .run(next.name, next.regionCode, next.hall, next.windowNo, next.idleLockMinutes, next.receiptPrinter);
    return readDevice(this.db)!;
  }
}
