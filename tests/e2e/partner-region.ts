// Region 421127's side for the walks across two places: its real exchange
// server as a process (started, killed, started again on the same data
// folder and port, over HTTPS with the certificate it made on first start),
// invitations from its admin CLI, and its acceptance desk recording decisions
// through the signed protocol. Its store is the
// embedded SQLite, or a fresh PostgreSQL schema.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  acceptedEvent,
  decision,
  enrollWithCode,
  httpTransport,
  postgresTestSchema,
  type TestDevice,
} from '../support/server.ts';
import { parseInvitation } from '../../shared/sync/invitation.ts';
import type { PushResult, ScopeKind, WireEvent } from '../../shared/sync/protocol.ts';
import { freePort, SERVER_REGION, ServerProcess } from '../faults/server-process.ts';

const SERVER_ENTRY = fileURLToPath(new URL('../../server/main.ts', import.meta.url));

/** The stores a walk runs against here: PostgreSQL too when the tests have one. */
export const PARTNER_STORES: readonly ('sqlite' | 'postgres')[] = process.env.TONGBAN_TEST_DATABASE_URL
  ? ['sqlite', 'postgres']
  : ['sqlite'];

export class PartnerRegion {
  readonly server: ServerProcess;
  readonly url: string;
  private readonly env: Record<string, string>;
  private readonly dropStore: () => Promise<void>;
  private desk: TestDevice | null = null;

  private constructor(server: ServerProcess, env: Record<string, string>, dropStore: () => Promise<void>) {
    this.server = server;
    this.env = env;
    this.dropStore = dropStore;
    this.url = server.url;
  }

  /** Its server serving `region`, 421127 unless a walk needs another partner. */
  static async start(store: 'sqlite' | 'postgres', region = SERVER_REGION): Promise<PartnerRegion> {
    const schema = store === 'postgres' ? await postgresTestSchema() : null;
    // An empty DATABASE_URL keeps one in the developer's shell from sending the server elsewhere.
    const env = { DATABASE_URL: schema?.url ?? '' };
    const server = new ServerProcess(mkdtempSync(join(tmpdir(), 'tongban-partner-')), await freePort(), env, region);
    await server.start();
    return new PartnerRegion(server, env, schema?.drop ?? (async () => {}));
  }

  /** An invitation from the server's admin CLI (its text, as printed), as its administrator would make one. */
  invitation(kind: ScopeKind, region: string): string {
    const run = spawnSync(
      process.execPath,
      [
        SERVER_ENTRY,
        'enrollment-code',
        '--kind',
        kind,
        '--region',
        region,
        '--url',
        this.url,
        '--data-dir',
        this.server.dataDir,
      ],
      { encoding: 'utf8', env: { ...process.env, ...this.env } },
    );
    if (run.status !== 0) throw new Error(`enrollment-code failed: ${run.stderr}`);
    return run.stdout.trim();
  }

  /** A test device of this scope and region enrolled at the server, with a fresh invitation's code, under `name`. */
  enrol(kind: ScopeKind, region: string, name: string): Promise<TestDevice> {
    const { code } = parseInvitation(this.invitation(kind, region))!;
    return enrollWithCode(httpTransport(this.url, this.server.identity().certificatePem), code, name);
  }

  /** 受理 at the region's acceptance desk (enrolled on first use). */
  async accept(caseId: string, acceptanceNo: string): Promise<PushResult> {
    this.desk ??= await this.enrol('acceptance', this.server.region, '黄梅县政务服务中心 受理台');
    const [result] = await this.desk.push([acceptedEvent(caseId, this.desk, acceptanceNo)]);
    return result!;
  }

  /** A case's events as the region's acceptance desk pulls them (enrolled on first use), in the server's order. */
  async pulledAtDesk(caseId: string): Promise<WireEvent[]> {
    this.desk ??= await this.enrol('acceptance', this.server.region, '黄梅县政务服务中心 受理台');
    const events: WireEvent[] = [];
    for (let after = 0; ;) {
      const page = await this.desk.pull(after);
      events.push(...page.events.filter((e) => e.caseId === caseId));
      if (page.events.length === 0 || page.cursor === after) return events;
      after = page.cursor;
    }
  }

  /** Any decision of the region's handling officer on a case (办结, 出件 …), recorded at its acceptance desk. */
  async decide(caseId: string, type: string, payload: unknown): Promise<PushResult> {
    this.desk ??= await this.enrol('acceptance', this.server.region, '黄梅县政务服务中心 受理台');
    const [result] = await this.desk.push([decision(caseId, this.desk, type, 'handling_officer', payload)]);
    return result!;
  }

  async stop(): Promise<void> {
    await this.server.kill();
    await this.dropStore();
    rmSync(this.server.dataDir, { recursive: true, force: true });
  }
}
