// The window and the menu as a packaged build shows them to a clerk: no
// developer tools and no reload, whose console could read and call everything
// the page can, unless a developer asks for them (TONGBAN_DEVTOOLS=1) on an
// unpackaged build. Pure, so a test can read them without Electron.
import type { BrowserWindowConstructorOptions, MenuItemConstructorOptions } from 'electron';

export interface WindowMode {
  /** app.isPackaged: an installed build, not a development run. */
  packaged: boolean;
  /** The development switch, honoured only on an unpackaged build. */
  devTools: boolean;
}

/** Developer tools only for a development run that asked for them. */
export const allowsDevTools = ({ packaged, devTools }: WindowMode): boolean => !packaged && devTools;

export function windowOptions(mode: WindowMode, preload: string): BrowserWindowConstructorOptions {
  return {
    width: 1280,
    height: 820,
    minWidth: 1024,
    minHeight: 640,
    title: 'Tongban Desk',
    show: false,
    webPreferences: {
      preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      devTools: allowsDevTools(mode),
    },
  };
}

/**
 * Our own application menu, in place of Electron's default one (which offers
 * reload and the developer tools): editing and window roles only, labelled by
 * Electron in the system's language; view tools for a development run.
 */
export function applicationMenu(mode: WindowMode): MenuItemConstructorOptions[] {
  const menu: MenuItemConstructorOptions[] = [
    ...(process.platform === 'darwin' ? [{ role: 'appMenu' as const }] : [{ role: 'fileMenu' as const }]),
    { role: 'editMenu' },
    { role: 'windowMenu' },
  ];
  if (allowsDevTools(mode)) {
    menu.push({
      label: 'Developer',
      submenu: [{ role: 'reload' }, { role: 'forceReload' }, { role: 'toggleDevTools' }],
    });
  }
  return menu;
}
