import { describe, expect, it } from 'vitest';
import { firstStepsDone, type DeviceState } from './first-steps.ts';

const fresh: DeviceState = {
  users: [{ roles: ['administrator'], active: true }],
  remotes: [],
  calendarYears: [{ year: 2025 }, { year: 2026 }],
  privacyConfigured: false,
  backupConfigured: false,
  today: new Date(2026, 5, 1),
};

describe('the first steps of a new device', () => {
  it('are open on a fresh device, but for a calendar that covers the months ahead', () => {
    expect(firstStepsDone(fresh)).toEqual({
      staff: false,
      exchange: false,
      calendar: true,
      privacy: false,
      backup: false,
    });
  });

  it('count staff only when someone besides an administrator can sign in', () => {
    const inactive = { ...fresh, users: [...fresh.users, { roles: ['intake_clerk' as const], active: false }] };
    expect(firstStepsDone(inactive).staff).toBe(false);
    const clerk = { ...fresh, users: [...fresh.users, { roles: ['intake_clerk' as const], active: true }] };
    expect(firstStepsDone(clerk).staff).toBe(true);
  });

  it('count an exchange server once the device is enrolled with it', () => {
    expect(firstStepsDone({ ...fresh, remotes: [{ enrolled: false }] }).exchange).toBe(false);
    expect(firstStepsDone({ ...fresh, remotes: [{ enrolled: false }, { enrolled: true }] }).exchange).toBe(true);
  });

  it('want next year’s calendar once its days are within reach of a time limit', () => {
    const december = { ...fresh, today: new Date(2026, 11, 7) };
    expect(firstStepsDone(december).calendar).toBe(false);
    expect(firstStepsDone({ ...december, calendarYears: [{ year: 2026 }, { year: 2027 }] }).calendar).toBe(true);
  });

  it('count the privacy notice once its retention period and contact are set', () => {
    expect(firstStepsDone({ ...fresh, privacyConfigured: true }).privacy).toBe(true);
  });

  it('count the backup once it is configured', () => {
    expect(firstStepsDone({ ...fresh, backupConfigured: true }).backup).toBe(true);
  });
});
