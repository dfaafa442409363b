import { describe, expect, it } from 'vitest';
import { permissionsOf, type Role } from '../../../shared/auth/permissions.ts';
import { landingWorkspace, visibleWorkspaces } from './workspaces.ts';

const person = (...roles: Role[]) => ({ roles, permissions: [...permissionsOf(roles)] });

describe('where a person lands after signing in', () => {
  it('puts each role on its own workspace', () => {
    expect(landingWorkspace(person('intake_clerk'))).toBe('intake');
    expect(landingWorkspace(person('handling_officer'))).toBe('acceptance');
    expect(landingWorkspace(person('result_desk'))).toBe('intake');
    expect(landingWorkspace(person('supervisor'))).toBe('supervisor');
    expect(landingWorkspace(person('auditor'))).toBe('audit');
    expect(landingWorkspace(person('administrator'))).toBe('start');
  });

  it('takes the first of several roles in the order clerk, officer, supervisor, auditor, administrator', () => {
    expect(landingWorkspace(person('supervisor', 'intake_clerk'))).toBe('intake');
    expect(landingWorkspace(person('auditor', 'handling_officer'))).toBe('acceptance');
    expect(landingWorkspace(person('administrator', 'auditor', 'supervisor'))).toBe('supervisor');
    expect(landingWorkspace(person('administrator', 'auditor'))).toBe('audit');
  });

  it('never lands where the person cannot go', () => {
    expect(landingWorkspace({ roles: ['administrator'], permissions: ['session.own'] })).toBe('settings');
    expect(landingWorkspace({ roles: [], permissions: ['session.own', 'sync.read'] })).toBe('sync');
  });
});

describe('the menu', () => {
  it('shows the first steps to the administrator only', () => {
    expect(visibleWorkspaces(person('administrator'))).toEqual(['start', 'sync', 'settings']);
    expect(visibleWorkspaces(person('intake_clerk'))).toEqual(['intake', 'sync', 'settings']);
  });

  it('keeps the acceptance desk for the handling officer', () => {
    expect(visibleWorkspaces(person('handling_officer'))).toContain('acceptance');
    expect(visibleWorkspaces(person('supervisor'))).not.toContain('acceptance');
    expect(visibleWorkspaces(person('auditor'))).toEqual(['audit', 'settings']);
  });
});
