// The administrator's first steps on a new device, each done or not from the
// device's real state, and where in the app each one is done.
import type { CalendarYear } from '../../../shared/catalog/index.ts';
import type { RemoteStatus, User } from '../../../shared/rpc/contract.ts';
import type { Workspace } from '../session/workspaces.ts';
import type { SettingsTab } from './SettingsWorkspace.tsx';

export const FIRST_STEPS = ['staff', 'exchange', 'calendar', 'privacy', 'backup'] as const;
export type FirstStep = (typeof FIRST_STEPS)[number];

export interface Place {
  workspace: Workspace;
  settingsTab?: SettingsTab;
}

export const FIRST_STEP_PLACE: Record<FirstStep, Place> = {
  staff: { workspace: 'settings', settingsTab: 'users' },
  exchange: { workspace: 'sync' },
  calendar: { workspace: 'settings', settingsTab: 'calendar' },
  privacy: { workspace: 'settings', settingsTab: 'device' },
  backup: { workspace: 'settings', settingsTab: 'backup' },
};

// Time limits counted today end within this many days, so the calendar must reach that far.
const CALENDAR_AHEAD_DAYS = 90;

export interface DeviceState {
  users: readonly Pick<User, 'roles' | 'active'>[];
  remotes: readonly { enrolled: RemoteStatus['enrolled'] }[];
  calendarYears: readonly Pick<CalendarYear, 'year'>[];
  /** The privacy notice's retention period and contact are set: the window takes nothing in before. */
  privacyConfigured: boolean;
  backupConfigured: boolean;
  today: Date;
}

/** Which steps are done. */
export function firstStepsDone(state: DeviceState): Record<FirstStep, boolean> {
  const ahead = new Date(state.today.getTime() + CALENDAR_AHEAD_DAYS * 86_400_000);
  const years = new Set(state.calendarYears.map((y) => y.year));
  return {
    // Someone besides the administrators can sign in to serve.
    staff: state.users.some((u) => u.active && u.roles.some((role) => role !== 'administrator')),
    exchange: state.remotes.some((r) => r.enrolled),
    calendar: years.has(state.today.getFullYear()) && years.has(ahead.getFullYear()),
    privacy: state.privacyConfigured,
    backup: state.backupConfigured,
  };
}
