// The admin commands (`npm run server -- <command>`): they work on the data
// folder (or the DATABASE_URL database) directly, beside a running server
// (SQLite's busy timeout lets them wait their turn). Output goes to `out`; explanations and errors to `err`.
import { readFile } from 'node:fs/promises';
import QRCode from 'qrcode';
import { regionCodeSchema } from '../shared/catalog/index.ts';
import { formatFingerprint, formatInvitation, serverUrlSchema } from '../shared/sync/invitation.ts';
import { catalogResponse, SCOPE_KINDS, type Scope } from '../shared/sync/protocol.ts';
import { issueEnrollmentCode } from './enrollment.ts';
import { rotateDataKey } from './at-rest/rotate.ts';
import { retentionCommand } from './retention-cli.ts';
import type { DeviceRecord, ServerStore } from './storage/contract.ts';
import { isLoopbackHost } from '../shared/sync/transport.ts';
import type { ServerIdentity } from './tls.ts';

export interface CliIo {
  out(line: string): void;
  err(line: string): void;
}

export interface CliValues {
  kind?: string | undefined;
  region?: string | undefined;
  matters?: string | undefined;
  json?: boolean | undefined;
  'dry-run'?: boolean | undefined;
  apply?: boolean | undefined;
  /** The data folder, resolved: the data key and the folder blob store are there. */
  'data-dir'?: string | undefined;
  /** The server's address as partner devices reach it, for invitations. */
  url?: string | undefined;
}

/** The commands on the data folder; `openapi` (main.ts) needs none. */
export const COMMANDS = [
  'enrollment-code',
  'devices',
  'revoke',
  'import-catalog',
  'stats',
  'retention',
  'rotate-data-key',
] as const;

function scopeText(scope: Scope): string {
  const matters = scope.matterIds.length > 0 ? ` (${scope.matterIds.join(',')})` : '';
  return `${scope.kind} ${scope.regionCode}${matters}`;
}

function table(devices: DeviceRecord[]): string[] {
  const rows = [
    ['id', 'name', 'scope', 'enrolled', 'last seen', 'revoked'],
    ...devices.map((d) => [
      d.deviceId,
      d.name,
      scopeText(d.scope),
      d.enrolledAt,
      d.lastSeenAt ?? '-',
      d.revokedAt ?? '-',
    ]),
  ];
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  return rows.map((row) =>
    row
      .map((cell, column) => cell.padEnd(widths[column]!))
      .join('  ')
      .trimEnd(),
  );
}

/** The address an invitation names: https, or http on loopback (development). */
function invitationUrl(text: string | undefined): string | null {
  const parsed = serverUrlSchema.safeParse(text);
  if (!parsed.success) return null;
  const url = new URL(parsed.data);
  return url.protocol === 'https:' || isLoopbackHost(url.hostname) ? url.origin : null;
}

async function enrollmentCode(
  store: ServerStore,
  values: CliValues,
  io: CliIo,
  identity: () => ServerIdentity,
): Promise<number> {
  const server = invitationUrl(values.url);
  if (!server) {
    io.err(
      'enrollment-code needs --url https://<address>:<port> (or TONGBAN_SERVER_URL): where partner devices reach this server.',
    );
    return 2;
  }
  const kind = SCOPE_KINDS.find((k) => k === values.kind);
  if (!kind) {
    io.err('enrollment-code needs --kind intake or --kind acceptance.');
    return 2;
  }
  const region = regionCodeSchema.safeParse(values.region);
  if (!region.success) {
    io.err('enrollment-code needs --region <6-digit region code>: the device’s own region.');
    return 2;
  }
  const matterIds = (values.matters ?? '')
    .split(',')
    .map((id) => id.trim())
    .filter(Boolean);
  if (kind === 'intake' && matterIds.length > 0) {
    io.err('--matters narrows an acceptance desk; an intake window is party to the cases it creates.');
    return 2;
  }
  if (kind === 'acceptance') {
    const serverRegion = await store.region();
    if (region.data !== serverRegion) {
      io.err(
        serverRegion
          ? `An acceptance desk belongs to this server's region ${serverRegion}.`
          : 'Start the server once with --region first: an acceptance desk belongs to its region.',
      );
      return 2;
    }
  }
  const scope: Scope = { kind, regionCode: region.data, matterIds };
  const { fingerprint } = identity();
  const { code, expiresAt } = await issueEnrollmentCode(store, scope);
  const invitation = formatInvitation({ server, code, fingerprint });
  // The invitation's text alone on stdout, for scripts; what it says and its QR code for people beside it.
  io.out(invitation);
  io.err(`Invitation for ${scopeText(scope)}, valid until ${expiresAt} and good once:`);
  io.err(`  server      ${server}`);
  io.err(`  code        ${code}`);
  io.err(`  server key  ${formatFingerprint(fingerprint)} (SHA-256)`);
  io.err(await QRCode.toString(invitation, { type: 'terminal', small: true }));
  return 0;
}

async function importCatalog(store: ServerStore, file: string | undefined, io: CliIo): Promise<number> {
  if (!file) {
    io.err('import-catalog needs a file: { "catalogs": [...], "calendars": [...] }.');
    return 2;
  }
  let json: unknown;
  try {
    json = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    io.err(`Cannot read ${file} as JSON (${(error as Error).name}).`);
    return 1;
  }
  const parsed = catalogResponse.safeParse(json);
  if (!parsed.success) {
    io.err(`${file} is not a valid catalog file:`);
    for (const issue of parsed.error.issues.slice(0, 20))
      io.err(`  ${issue.path.join('.') || '(root)'}: ${issue.message}`);
    return 1;
  }
  await store.replaceCatalog(parsed.data, new Date().toISOString());
  const matters = parsed.data.catalogs.reduce((n, catalog) => n + catalog.matters.length, 0);
  io.out(
    `Imported ${parsed.data.catalogs.length} catalog(s) with ${matters} matters and ` +
      `${parsed.data.calendars.length} calendar year(s).`,
  );
  return 0;
}

/** Runs one admin command; the exit code. */
export async function runCommand(
  command: (typeof COMMANDS)[number],
  args: readonly string[],
  values: CliValues,
  store: ServerStore,
  io: CliIo,
  /** The server key, read (or made) only by the commands that name it. */
  identity: () => ServerIdentity,
): Promise<number> {
  switch (command) {
    case 'enrollment-code':
      return enrollmentCode(store, values, io, identity);
    case 'devices': {
      const devices = await store.devices();
      if (values.json) io.out(JSON.stringify(devices, null, 2));
      else for (const line of table(devices)) io.out(line);
      return 0;
    }
    case 'revoke': {
      const deviceId = args[0];
      if (!deviceId) {
        io.err('revoke needs a device id (see `devices`).');
        return 2;
      }
      if (!(await store.revokeDevice(deviceId, new Date().toISOString()))) {
        io.err(`No device ${deviceId}.`);
        return 1;
      }
      io.out(`Revoked ${deviceId}: its requests are refused from now on.`);
      return 0;
    }
    case 'import-catalog':
      return importCatalog(store, args[0], io);
    case 'stats': {
      const stats = await store.stats();
      if (values.json) io.out(JSON.stringify(stats));
      else for (const [key, value] of Object.entries(stats)) io.out(`${key.padEnd(8)} ${value}`);
      return 0;
    }
    case 'retention':
      return retentionCommand(values, store, values['data-dir'] ?? '.', io);
    case 'rotate-data-key':
      return rotateDataKey(store, values['data-dir'] ?? '.', io);
  }
}
