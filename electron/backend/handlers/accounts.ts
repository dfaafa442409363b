// Accounts and sessions: the first run, logging in and out, the lock screen,
// and the administrator's user list.
import type { accountMethods } from '../../../shared/rpc/contract.ts';
import { rejected } from '../../../shared/rpc/framing.ts';
import type { DomainHandlers, HandlerContext } from './context.ts';

export function accountHandlers({
  setup,
  auth,
  users,
  auditLog,
  applicantScreen,
}: HandlerContext): DomainHandlers<typeof accountMethods> {
  return {
    'setup.status': () => ({ setUp: setup.isSetUp() }),
    'setup.initialize': ({ device, admin }) => setup.initialize(device, admin),

    'auth.login': ({ username, password }) => {
      if (!setup.isSetUp()) throw rejected('device_not_set_up', 'This device has not been set up.');
      return auth.login(username, password);
    },
    // A locked or ended session reaches this public method as anonymous.
    'auth.current': (_input, { session, token }) =>
      'roles' in session ? auth.sessionInfo(token!, session.userId) : null,
    'auth.unlock': ({ password }, { token }) => auth.unlock(token, password),
    'auth.logout': (_input, { session }) => {
      auth.logout(session);
      applicantScreen.pairings.endSession(session.tokenHash);
      return { ok: true };
    },
    'auth.heartbeat': (_input, { session }) => {
      auth.touch(session);
      return { ok: true };
    },
    'auth.changePassword': async ({ current, next }, { session }) => {
      await auth.changePassword(session, current, next);
      return { ok: true };
    },

    'users.list': () => users.list(),
    'users.create': async (input, { session }) => {
      const created = await auth.createUser(input);
      auditLog.record({
        userId: session.userId,
        action: 'users.create',
        target: created.userId,
        detail: { roles: created.roles },
      });
      return created;
    },
    'users.update': (changes, { session }) => users.update(changes, session.userId),
    'users.resetPassword': ({ userId, password }, { session }) => users.resetPassword(userId, password, session.userId),
  };
}
