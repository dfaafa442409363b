// Group commit of pushed events: pushes that arrive while an append
// transaction is under way wait for it, then go together in the next one — one
// durable commit for many events, so a storm of windows reconnecting at once
// costs a few commits, not one per event. A push is answered only once its
// transaction has committed.
import type { PushResult } from '../shared/sync/protocol.ts';
import { judge } from './events.ts';
import type { AppendInput, DeviceRecord, ServerStore } from './storage/contract.ts';

/** Enough to share one commit among many pushes, few enough to keep one transaction's arrays small. */
const MAX_GROUP_EVENTS = 2000;

interface WaitingPush {
  inputs: AppendInput[];
  device: DeviceRecord;
  resolve(results: PushResult[]): void;
  reject(error: unknown): void;
}

export class GroupCommit {
  private readonly store: ServerStore;
  private readonly region: string;
  private waiting: WaitingPush[] = [];
  private running = false;

  constructor(store: ServerStore, region: string) {
    this.store = store;
    this.region = region;
  }

  append(inputs: AppendInput[], device: DeviceRecord): Promise<PushResult[]> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ inputs, device, resolve, reject });
      if (!this.running) void this.run();
    });
  }

  private async run(): Promise<void> {
    this.running = true;
    while (this.waiting.length > 0) {
      let events = 0;
      let count = 0;
      while (
        count < this.waiting.length &&
        (count === 0 || events + this.waiting[count]!.inputs.length <= MAX_GROUP_EVENTS)
      ) {
        events += this.waiting[count]!.inputs.length;
        count += 1;
      }
      await this.commit(this.waiting.splice(0, count));
    }
    this.running = false;
  }

  private async commit(group: WaitingPush[]): Promise<void> {
    const devices = new Map(group.map((push) => [push.device.deviceId, push.device]));
    try {
      const results = await this.store.appendEvents(
        group.flatMap((push) => push.inputs),
        (input, context) => judge(input.event, devices.get(input.sourceDeviceId)!, this.region, context),
      );
      let at = 0;
      for (const push of group) {
        push.resolve(results.slice(at, (at += push.inputs.length)));
      }
    } catch (error) {
      // One push's failure must not fail the others with it: alone, each stands or falls by itself.
      if (group.length === 1) group[0]!.reject(error);
      else for (const push of group) await this.commit([push]);
    }
  }
}
