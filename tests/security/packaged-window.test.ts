import { describe, expect, it } from 'vitest';
import type { MenuItemConstructorOptions } from 'electron';
import { applicationMenu, windowOptions } from '../../electron/main/window-options.ts';

/** Every role in a menu template, submenus included. */
function roles(items: MenuItemConstructorOptions[]): string[] {
  return items.flatMap((item) => [
    ...(item.role ? [item.role] : []),
    ...(Array.isArray(item.submenu) ? roles(item.submenu) : []),
  ]);
}

const DEVELOPER_ROLES = ['reload', 'forceReload', 'toggleDevTools', 'viewMenu'];

describe('M1 packaged builds: a packaged window', () => {
  it('has no developer tools, even with the development switch set', () => {
    for (const devTools of [false, true]) {
      expect(windowOptions({ packaged: true, devTools }, '/p.cjs').webPreferences).toMatchObject({
        devTools: false,
        contextIsolation: true,
        sandbox: true,
        nodeIntegration: false,
        webSecurity: true,
      });
    }
  });

  it('has a menu of our own without reload or developer tools', () => {
    for (const devTools of [false, true]) {
      const menu = roles(applicationMenu({ packaged: true, devTools }));
      expect(menu).toContain('editMenu');
      expect(menu.filter((role) => DEVELOPER_ROLES.includes(role))).toEqual([]);
    }
  });
});

describe('M1 packaged builds: a development run', () => {
  it('gets the developer tools only when it asks for them', () => {
    expect(windowOptions({ packaged: false, devTools: false }, '/p.cjs').webPreferences?.devTools).toBe(false);
    expect(windowOptions({ packaged: false, devTools: true }, '/p.cjs').webPreferences?.devTools).toBe(true);
    expect(roles(applicationMenu({ packaged: false, devTools: true }))).toContain('toggleDevTools');
  });
});
