// The applicant's screen in the desktop app: a second window, full screen on
// the display facing the counter, showing the applicant page paired by the
// code main hands it (applicant-display.ts chooses the display). One at a
// time: a new pairing replaces the window. No second display: the clerk is
// told, and pairs a browser window by the code instead.
import { BrowserWindow, screen } from 'electron';
import { applicantScreenUrl, chooseApplicantDisplay } from './applicant-display.ts';
import { windowOptions, type WindowMode } from './window-options.ts';

let applicantWindow: BrowserWindow | null = null;

export function openApplicantWindow(
  code: unknown,
  origin: string,
  mode: WindowMode,
  preload: string,
): { opened: boolean } {
  const url = typeof code === 'string' ? applicantScreenUrl(origin, code) : null;
  const display = chooseApplicantDisplay(screen.getAllDisplays(), screen.getPrimaryDisplay().id);
  if (!url || !display) return { opened: false };
  applicantWindow?.destroy();
  const window = new BrowserWindow({ ...windowOptions(mode, preload), ...display.bounds, fullscreen: true });
  applicantWindow = window;
  window.on('closed', () => {
    if (applicantWindow === window) applicantWindow = null;
  });
  window.once('ready-to-show', () => window.show());
  window.webContents.on('will-navigate', (event) => event.preventDefault());
  window.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
  void window.loadURL(url);
  return { opened: true };
}
