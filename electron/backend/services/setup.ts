// The first run: the device's record and its first administrator, written
// together, then that administrator's session.
import type { DatabaseSync } from 'node:sqlite';
import type { SessionInfo } from '../../../shared/rpc/contract.ts';
import { rejected } from '../../../shared/rpc/framing.ts';
import { uuidv7 } from '../../../shared/case/uuid.ts';
import { audit } from './audit.ts';
import { hashPassword, type AuthService } from './auth.ts';
import { insertDevice, readDevice, type NewDevice } from './device.ts';
import { transaction } from './transaction.ts';

export interface FirstAdministrator {
  username: string;
  displayName: string;
  password: string;
}

export class DeviceSetup {
  private readonly db: DatabaseSync;
  private readonly auth: AuthService;

  constructor(db: DatabaseSync, auth: AuthService) {
    this.db = db;
    this.auth = auth;
  }

  isSetUp(): boolean {
    return readDevice(this.db) !== null;
  }

  async initialize(device: NewDevice, admin: FirstAdministrator): Promise<SessionInfo> {
    if (this.isSetUp()) throw rejected('already_set_up', 'This device is already set up.');
    const passwordHash = await hashPassword(admin.password);
    // Checked again inside the transaction: two first-run screens may race.
    const userId = transaction(this.db, () => {
      if (this.isSetUp()) throw rejected('already_set_up', 'This device is already set up.');
      const at = new Date().toISOString();
      insertDevice(this.db, uuidv7(), device, at);
      const id = uuidv7();
      this.db
        .prepare(
          `INSERT INTO users (user_id, username, display_name, password_hash, roles, created_at, updated_at)
           VALUES (?, ?, ?, ?, '["administrator"]', ?, ?)`,
        )
        .run(id, admin.username, admin.displayName, passwordHash, at, at);
      audit(this.db, { userId: id, action: 'device.set_up', detail: { regionCode: device.regionCode } });
      return id;
    });
    return this.auth.sessionInfo(this.auth.openSession(userId), userId);
  }
}
