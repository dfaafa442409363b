// Nonces are written the way events are (group-commit.ts): the signed requests
// that arrive while one admission is being committed go together in the next —
// one statement and one durable commit for all of them, with each device read
// as it stands in that transaction. A request goes on only once its nonce is
// committed, so a replay is refused after a restart as before.
import type { AdmitRequest, DeviceRecord, ServerStore } from '../storage/contract.ts';

export interface Admission {
  device: DeviceRecord | null;
  fresh: boolean;
}

interface WaitingAdmission {
  request: AdmitRequest;
  resolve(result: Admission): void;
  reject(error: unknown): void;
}

export class Admissions {
  private readonly store: ServerStore;
  private waiting: WaitingAdmission[] = [];
  private running = false;
  /** Devices to mark seen with the next admission (at most once a minute each). */
  private touch = new Set<string>();
  private readonly lastTouched = new Map<string, number>();

  constructor(store: ServerStore) {
    this.store = store;
  }

  admit(request: AdmitRequest): Promise<Admission> {
    if (request.at - (this.lastTouched.get(request.deviceId) ?? 0) > 60_000) {
      this.lastTouched.set(request.deviceId, request.at);
      this.touch.add(request.deviceId);
    }
    return new Promise((resolve, reject) => {
      this.waiting.push({ request, resolve, reject });
      if (!this.running) void this.run();
    });
  }

  private async run(): Promise<void> {
    this.running = true;
    while (this.waiting.length > 0) {
      const group = this.waiting.splice(0, 1000);
      const touch = [...this.touch];
      this.touch.clear();
      try {
        const results = await this.store.admit(
          group.map((waiting) => waiting.request),
          touch.length > 0 ? { deviceIds: touch, at: new Date().toISOString() } : undefined,
        );
        group.forEach((waiting, i) => waiting.resolve(results[i]!));
      } catch (error) {
        for (const deviceId of touch) this.lastTouched.delete(deviceId);
        for (const waiting of group) waiting.reject(error);
      }
    }
    this.running = false;
  }
}
