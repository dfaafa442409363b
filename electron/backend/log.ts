// Structured log lines on stderr. Callers pass codes, ids and counts — never
// names, ID numbers, phone numbers or other personal data. An Error is logged by
// its class and stack frames only: its message may quote user input.
type Fields = Record<string, unknown>;

function clean(fields: Fields): Fields {
  const out: Fields = {};
  for (const [key, value] of Object.entries(fields)) {
    if (value instanceof Error) {
      out[key] = {
        name: value.name,
        frames: (value.stack ?? '')
          .split('\n')
          .slice(1, 8)
          .map((l) => l.trim()),
      };
    } else {
      out[key] = value;
    }
  }
  return out;
}

function write(level: 'info' | 'warn' | 'error', event: string, fields: Fields): void {
  if (process.env.TONGBAN_LOG === 'silent') return;
  process.stderr.write(`${JSON.stringify({ time: new Date().toISOString(), level, event, ...clean(fields) })}\n`);
}

export const log = {
  info: (event: string, fields: Fields = {}) => write('info', event, fields),
  warn: (event: string, fields: Fields = {}) => write('warn', event, fields),
  error: (event: string, fields: Fields = {}) => write('error', event, fields),
};
