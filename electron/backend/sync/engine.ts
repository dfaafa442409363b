// The device's sync engine: one runner per enrolled remote, each pass sending
// the files first, then the outbox's events in order within each case, then
// taking in the server's events. The jobs live beside it — blob-transfer.ts,
// push.ts, pull.ts, the remotes' records in remotes.ts, the retry loop in
// runner.ts; this class starts and stops the runners and reports their status.
import type { RemoteStatus } from '../../../shared/rpc/contract.ts';
import { pushAnchors } from './anchors.ts';
import { fetchBlobs, pushBlobs } from './blob-transfer.ts';
import type { SyncContext } from './context.ts';
import { pull } from './pull.ts';
import { pushEvents } from './push.ts';
import { clientFor, enrolledRemoteIds, recordFailure, recordSuccess, remoteRow, remoteStatuses } from './remotes.ts';
import { beforeSync } from './rollback.ts';
import { RemoteRunner } from './runner.ts';
import type { DeviceKeyPair } from './signing.ts';

export interface SyncEngineOptions extends SyncContext {
  deviceKey: DeviceKeyPair;
  random?: () => number;
  /** Long-poll wait when there is nothing to send. */
  pullWaitSeconds?: number;
}

export class SyncEngine {
  private readonly options: SyncEngineOptions;
  private readonly runners = new Map<string, RemoteRunner>();
  private readonly random: () => number;

  constructor(options: SyncEngineOptions) {
    this.options = options;
    this.random = options.random ?? Math.random;
  }

  /** Starts a runner for every enrolled remote not yet running. */
  start(): void {
    for (const remoteId of enrolledRemoteIds(this.options.db)) {
      if (this.runners.has(remoteId)) continue;
      const runner = new RemoteRunner({
        cycle: (signal, self) => this.cycle(remoteId, signal, self),
        failed: (error) => {
          recordFailure(this.options.db, remoteId, error);
          this.options.onStatus();
        },
        random: this.random,
      });
      this.runners.set(remoteId, runner);
      runner.start();
    }
  }

  stop(): void {
    for (const runner of this.runners.values()) runner.stop();
    this.runners.clear();
  }

  kick(): void {
    for (const runner of this.runners.values()) runner.kick();
  }

  status(): RemoteStatus[] {
    return remoteStatuses(this.options.db, (remoteId) => this.runners.get(remoteId));
  }

  /** One pass: blobs, events, then the server's events (long-polling when idle). */
  private async cycle(remoteId: string, signal: AbortSignal, runner: RemoteRunner): Promise<void> {
    const ctx = this.options;
    const remote = remoteRow(ctx.db, remoteId);
    if (!remote?.url || !remote.server_device_id) return;
    const client = clientFor(
      { ...remote, url: remote.url, server_device_id: remote.server_device_id },
      ctx.deviceKey.privateKey,
    );
    if (!(await beforeSync(ctx, remoteId, client, signal))) return;
    await pushBlobs(ctx, remoteId, client, signal, (progress) => {
      runner.sending = progress;
    });
    runner.sending = null;
    await pushEvents(ctx, remoteId, client, signal);
    await pushAnchors(ctx.db, ctx.deviceKey, remoteId, client, signal);
    runner.online = true;
    recordSuccess(ctx.db, remoteId);
    ctx.onStatus();
    await fetchBlobs(ctx, remoteId, client, signal);
    await pull(ctx, remoteId, client, signal, ctx.pullWaitSeconds);
  }
}
