// The workspaces of the shell, who sees each one, and where a person lands
// after signing in: each role on its own desk, not on the first item of the menu.
import { ROLES, type Permission, type Role } from '../../../shared/auth/permissions.ts';

export const WORKSPACES = ['start', 'intake', 'acceptance', 'supervisor', 'sync', 'audit', 'settings'] as const;
export type Workspace = (typeof WORKSPACES)[number];

/** Who sees a workspace; null: everyone logged in. */
const WORKSPACE_PERMISSION: Record<Workspace, Permission | null> = {
  start: 'device.manage', // the administrator's first steps
  intake: 'cases.read',
  acceptance: 'cases.record',
  supervisor: 'supervision.read',
  sync: 'sync.read',
  audit: 'audit.read',
  settings: null,
};

/**
 * Where each role starts. A person with several roles lands on the first of them in the order
 * of ROLES: intake clerk (收件), handling officer (受理), result desk (its case list is under
 * 收件), supervisor (监督, opening on its 台账), auditor (审计), administrator (first steps).
 */
const ROLE_LANDING: Record<Role, Workspace> = {
  intake_clerk: 'intake',
  handling_officer: 'acceptance',
  result_desk: 'intake',
  supervisor: 'supervisor',
  auditor: 'audit',
  administrator: 'start',
};

export interface Person {
  roles: readonly Role[];
  permissions: readonly string[]; // as the session carries them
}

/** The workspaces in the menu, in menu order. */
export function visibleWorkspaces(person: Person): Workspace[] {
  return WORKSPACES.filter((workspace) => {
    // The acceptance desk is the handling officer's place; an intake clerk records on cases too, elsewhere.
    if (workspace === 'acceptance' && !person.roles.includes('handling_officer')) return false;
    const needs = WORKSPACE_PERMISSION[workspace];
    return needs === null || person.permissions.includes(needs);
  });
}

/** The workspace a person sees first after signing in. */
export function landingWorkspace(person: Person): Workspace {
  const visible = visibleWorkspaces(person);
  const landing = ROLES.filter((role) => person.roles.includes(role))
    .map((role) => ROLE_LANDING[role])
    .find((workspace) => visible.includes(workspace));
  return landing ?? visible[0] ?? 'settings';
}
