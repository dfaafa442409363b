// node:sqlite is the store. Electron 37.2.0 once shipped without it; a runtime
// without it must stop at start-up with a clear reason, not fail later.
type GetBuiltin = (id: string) => unknown;

export function checkRuntime(getBuiltin: GetBuiltin | undefined = process.getBuiltinModule): string | null {
  let sqlite: unknown;
  try {
    sqlite = getBuiltin?.('node:sqlite');
  } catch {
    sqlite = undefined;
  }
  if (typeof sqlite === 'object' && sqlite !== null && 'DatabaseSync' in sqlite) return null;
  return (
    `Tongban Desk cannot start its backend: the built-in module node:sqlite is not available ` +
    `in this runtime (Node ${process.versions.node}). It needs Node 24 or later, or Electron 42 or later.`
  );
}

/** Exit codes that mean "restarting will not help" (sysexits.h). */
export const EXIT_DATA_ERROR = 65;
export const EXIT_CONFIG_ERROR = 78;
