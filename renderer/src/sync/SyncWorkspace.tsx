export function SyncWorkspace() {
  return <div data-testid="workspace-sync" />;
}
