import type { Resources } from './zh-CN.ts';

export const en: Resources = {
  app: { title: 'Tongban Desk', subtitle: 'Cross-province one-stop service · intake and acceptance' },
  nav: {
    start: 'First steps',
    intake: 'Intake',
    acceptance: 'Acceptance',
    supervisor: 'Supervisor',
    sync: 'Sync',
    audit: 'Audit',
    settings: 'Settings',
  },
  workspace: {
    intake: 'Counter intake: check identity and materials, scan, create the case and print the receipt.',
    acceptance: 'Handling place: accept, refuse, request corrections and conclude.',
    supervisor: 'Supervisor: the daily ledger, warnings, statistics and the end-of-day close.',
    sync: 'Sync with the partner regions’ exchange servers.',
    audit: 'Audit log: sign-ins, unmasked personal data, prints and exports, hash-chained against tampering.',
    settings: 'Device, users and printing.',
  },
  status: {
    database: 'Database',
    schema: 'Schema version',
    appVersion: 'App version',
    network: 'Network',
    online: 'Online',
    offline: 'Offline',
    backend: 'Backend',
    connected: 'Connected',
    connecting: 'Connecting to the backend…',
    restarting: 'Backend unavailable — restarting',
    restartingDetail:
      'The backend process stopped and is being restarted. You can carry on when it is back; nothing needs reloading.',
  },
  language: { label: 'Language', 'zh-CN': '简体中文', 'zh-TW': '繁體中文', en: 'English' },
  errors: {
    INVALID_FRAME: 'The message was not in the expected format.',
    UNKNOWN_METHOD: 'The backend does not offer this action.',
    INVALID_INPUT: 'Something entered is not valid; check it and try again.',
    UNAUTHENTICATED: 'Please log in first.',
    PERMISSION_DENIED: 'You do not have permission for this action.',
    INTERNAL: 'The backend ran into an error. Try again; if it keeps failing, call your administrator.',
    BACKEND_UNAVAILABLE: 'The backend is not available right now. Try again shortly.',
    TIMEOUT: 'The backend did not answer in time. Try again.',
  },
};
