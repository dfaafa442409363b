// Roles and the permissions they grant, declared once. Every RPC method names
// the permission it requires; the backend checks it on every call. 'public'
// methods serve the shell before anyone has logged in.
import { z } from 'zod';

export const ROLES = [
  'intake_clerk', // 综合受理岗
  'handling_officer', // 后台审批
  'result_desk', // 出件岗
  'supervisor', // 主管
  'auditor', // 审计员
  'administrator',
] as const;
export const roleSchema = z.enum(ROLES);
export type Role = z.infer<typeof roleSchema>;

export const PERMISSIONS = [
  'session.own', // one's own session: heartbeat, logout, password
  'users.manage',
  'device.manage',
  'catalog.read',
  'catalog.import',
  'intake.create',
  'scans.upload', // scans, result documents, signatures: files a case will refer to
  'cases.read',
  'cases.record', // decisions, corrections, delivery, notes, evaluation: the state machine says which role may

  'personal.reveal', // see a full ID number, name, phone or scan: audited
  'form.reveal', // see a form field the catalog marks sensitive (a bank account): audited
  'personal.export', // a ledger exported or printed unmasked: audited and watermarked
  'consultations.log', // 咨询: a question answered at the window, without a case
  'supervision.read', // the daily ledger, warnings, statistics and their exports
  'supervision.close', // 日结: sign the day, set the warning thresholds
  'audit.read', // browse and export the audit log
  'sync.read', // the state of the link with each remote, and sync now
  'sync.manage', // add a remote with its enrollment code
] as const;
export type Permission = (typeof PERMISSIONS)[number];
export type MethodPermission = 'public' | Permission;

export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  intake_clerk: [
    'session.own',
    'catalog.read',
    'consultations.log',
    'intake.create',
    'scans.upload',
    'cases.read',
    'cases.record',
    'personal.reveal',
    'form.reveal',
    'sync.read',
  ],
  handling_officer: [
    'session.own',
    'catalog.read',
    'scans.upload',
    'cases.read',
    'cases.record',
    'personal.reveal',
    'form.reveal',
    'sync.read',
  ],
  result_desk: [
    'session.own',
    'catalog.read',
    'consultations.log',
    'scans.upload',
    'cases.read',
    'cases.record',
    'personal.reveal',
    'sync.read',
  ],
  supervisor: [
    'session.own',
    'catalog.read',
    'consultations.log',
    'cases.read',
    'cases.record',
    'personal.reveal',
    'form.reveal',
    'personal.export',
    'supervision.read',
    'supervision.close',
    'sync.read',
  ],
  auditor: ['session.own', 'audit.read'],
  administrator: [
    'session.own',
    'users.manage',
    'device.manage',
    'catalog.read',
    'catalog.import',
    'sync.read',
    'sync.manage',
  ],
};

export function permissionsOf(roles: readonly Role[]): Set<Permission> {
  return new Set(roles.flatMap((role) => ROLE_PERMISSIONS[role]));
}

export interface Session {
  readonly userId: string | null;
  readonly permissions: ReadonlySet<string>;
}

export const ANONYMOUS: Session = { userId: null, permissions: new Set() };

export function allows(session: Session, permission: string): boolean {
  return permission === 'public' || session.permissions.has(permission);
}
