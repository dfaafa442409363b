// The backend process's entry, built as out/main/backend.js. Electron runs it
// in a utilityProcess (ports arrive on process.parentPort); browser mode runs
// it under plain Node, serving the same RPC over a WebSocket on 127.0.0.1. The
// runtime check comes before anything that imports node:sqlite.
import { checkRuntime, EXIT_CONFIG_ERROR } from '../backend/runtime-check.ts';

const problem = checkRuntime();
if (problem) {
  process.stderr.write(
    `${JSON.stringify({ level: 'fatal', event: 'backend.runtime_check_failed', message: problem })}\n`,
  );
  process.exit(EXIT_CONFIG_ERROR);
}
const { start } = await import('./start.ts');
await start();
