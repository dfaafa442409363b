// The administrator's work on the device's accounts: the user list, roles and
// deactivation, a new password. The device always keeps one active administrator.
import type { DatabaseSync } from 'node:sqlite';
import type { Role } from '../../../shared/auth/permissions.ts';
import type { User } from '../../../shared/rpc/contract.ts';
import { RpcError, rejected } from '../../../shared/rpc/framing.ts';
import { audit } from './audit.ts';
import { hashPassword, toUser, type AuthService, type UserRow } from './auth.ts';

export interface UserChanges {
  userId: string;
  displayName?: string | undefined;
  roles?: Role[] | undefined;
  active?: boolean | undefined;
}

export class UserAccounts {
  private readonly db: DatabaseSync;
  private readonly auth: AuthService;

  constructor(db: DatabaseSync, auth: AuthService) {
    this.db = db;
    this.auth = auth;
  }

  /** Every account on the device, by user name. */
  list(): User[] {
    return (this.db.prepare('SELECT * FROM users ORDER BY username').all() as unknown as UserRow[]).map((row) =>
      toUser(row),
    );
  }

  displayName(userId: string): string {
    const { display_name } = this.db.prepare('SELECT display_name FROM users WHERE user_id = ?').get(userId) as {
      display_name: string;
    };
    return display_name;
  }

  private activeAdministrators(exceptUserId: string): number {
    return (
      this.db.prepare('SELECT user_id, roles, active FROM users').all() as {
        user_id: string;
        roles: string;
        active: number;
      }[]
    ).filter(
      (u) =>
        u.user_id !== exceptUserId && u.active === 1 && (JSON.parse(u.roles) as string[]).includes('administrator'),
    ).length;
  }

  /** Changes a user's name, roles or standing; a deactivated user's sessions end at once. */
  update({ userId, displayName, roles, active }: UserChanges, byUserId: string): User {
    const row = this.auth.userRow(userId);
    if (!row) throw new RpcError({ code: 'NOT_FOUND', message: 'No such user.' });
    const before = toUser(row);
    const nextRoles = roles ? [...new Set(roles)] : before.roles;
    const nextActive = active ?? before.active;
    const stillAdmin = nextActive && nextRoles.includes('administrator');
    if (
      before.roles.includes('administrator') &&
      before.active &&
      !stillAdmin &&
      this.activeAdministrators(userId) === 0
    ) {
      throw rejected('last_administrator', 'The device needs at least one active administrator.');
    }
    this.db
      .prepare('UPDATE users SET display_name = ?, roles = ?, active = ?, updated_at = ? WHERE user_id = ?')
      .run(
        displayName ?? before.displayName,
        JSON.stringify(nextRoles),
        nextActive ? 1 : 0,
        new Date().toISOString(),
        userId,
      );
    if (!nextActive) this.endSessions(userId);
    audit(this.db, {
      userId: byUserId,
      action: 'users.update',
      target: userId,
      detail: {
        rolesBefore: before.roles,
        rolesAfter: nextRoles,
        activeBefore: before.active,
        activeAfter: nextActive,
      },
    });
    return toUser(this.auth.userRow(userId)!);
  }

  async resetPassword(userId: string, password: string, byUserId: string): Promise<User> {
    if (!this.auth.userRow(userId)) throw new RpcError({ code: 'NOT_FOUND', message: 'No such user.' });
    const hash = await hashPassword(password);
    this.db
      .prepare(
        'UPDATE users SET password_hash = ?, failed_attempts = 0, locked_until = NULL, updated_at = ? WHERE user_id = ?',
      )
      .run(hash, new Date().toISOString(), userId);
    // A new password ends whatever sessions the old one opened.
    this.endSessions(userId);
    audit(this.db, { userId: byUserId, action: 'users.reset_password', target: userId });
    return toUser(this.auth.userRow(userId)!);
  }

  private endSessions(userId: string): void {
    this.db
      .prepare('UPDATE sessions SET ended_at = ? WHERE user_id = ? AND ended_at IS NULL')
      .run(new Date().toISOString(), userId);
  }
}
