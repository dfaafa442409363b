export function SyncBadge() {
  return null;
}
