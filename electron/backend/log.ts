// Structured log lines on stderr. Callers pass codes, ids and counts — never
// names, ID numbers, phone numbers or other personal data. What was thrown is
// logged by its class and stack frames only: its message may quote user input.
type Fields = Record<string, unknown>;

function describeThrown(value: unknown): unknown {
  if (!(value instanceof Error)) return { thrown: typeof value };
  // V8's stack starts with "Name: message" (which may span lines); only what follows is frames.
  const header = String(value);
  const stack = value.stack ?? '';
  const frames = (stack.startsWith(header) ? stack.slice(header.length) : '')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.startsWith('at '))
    .slice(0, 8);
  return { name: value.name, frames };
}

function clean(fields: Fields): Fields {
  const out: Fields = {};
  for (const [key, value] of Object.entries(fields)) {
    out[key] = key === 'error' || value instanceof Error ? describeThrown(value) : value;
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
