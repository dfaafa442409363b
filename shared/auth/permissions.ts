// Every RPC method names the permission it requires; the backend checks it for
// every call. 'public' methods serve the shell before anyone has logged in.
// The roles and the permissions they grant arrive with the intake issue.
export const PERMISSIONS = [] as const;
export type Permission = (typeof PERMISSIONS)[number];
export type MethodPermission = 'public' | Permission;

export interface Session {
  readonly userId: string | null;
  readonly permissions: ReadonlySet<string>;
}

export const ANONYMOUS: Session = { userId: null, permissions: new Set() };

export function allows(session: Session, permission: string): boolean {
  return permission === 'public' || session.permissions.has(permission);
}
