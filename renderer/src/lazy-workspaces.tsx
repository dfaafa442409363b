// The workspaces behind the sign-in, each fetched and run when first shown:
// the sign-in screen loads without their code and the libraries only they use
// (the matter search's pinyin tables, antd's tables and date pickers). Drop-ins
// for the components of the same names.
import { lazy, Suspense, type ComponentType, type ReactNode } from 'react';
import { Spin } from 'antd';

function lazyNamed<Name extends string, Props extends object>(
  load: () => Promise<Record<Name, ComponentType<Props>>>,
  name: Name,
  fallback: ReactNode = <Spin style={{ display: 'block', margin: 64 }} />,
): ComponentType<Props> {
  const Loaded = lazy(async (): Promise<{ default: ComponentType<Props> }> => ({ default: (await load())[name] }));
  return function LazyWorkspace(props: Props) {
    return (
      <Suspense fallback={fallback}>
        <Loaded {...props} />
      </Suspense>
    );
  };
}

export const IntakeWorkspace = lazyNamed(() => import('./intake/IntakeWorkspace.tsx'), 'IntakeWorkspace');
export const AcceptanceWorkspace = lazyNamed(
  () => import('./acceptance/AcceptanceWorkspace.tsx'),
  'AcceptanceWorkspace',
);
export const SupervisorWorkspace = lazyNamed(
  () => import('./supervision/SupervisorWorkspace.tsx'),
  'SupervisorWorkspace',
);
/** The supervisor's menu item: shows nothing for the moment its code loads. */
export const SupervisorNavLabel = lazyNamed(
  () => import('./supervision/SupervisorWorkspace.tsx'),
  'SupervisorNavLabel',
  null,
);
export const SyncWorkspace = lazyNamed(() => import('./sync/SyncWorkspace.tsx'), 'SyncWorkspace');
export const AuditWorkspace = lazyNamed(() => import('./audit/AuditWorkspace.tsx'), 'AuditWorkspace');
export const SettingsWorkspace = lazyNamed(() => import('./admin/SettingsWorkspace.tsx'), 'SettingsWorkspace');
