// Handing the focus to a place the person was just led to, so the keyboard goes on from there.

const TABBABLE = [
  'button:not([disabled])',
  'input:not([disabled]):not([type="hidden"])',
  'textarea:not([disabled])',
  'select:not([disabled])',
  'a[href]',
  '[tabindex]:not([tabindex="-1"])',
].join(', ');

// About a second of frames: a workspace may still be loading what it shows.
const FRAMES_TO_WAIT = 60;

function firstControl(scope: Element | null): HTMLElement | null {
  for (const element of scope?.querySelectorAll<HTMLElement>(TABBABLE) ?? []) {
    if (element.getClientRects().length > 0) return element;
  }
  return null;
}

/**
 * Focuses the first control the keyboard reaches in root: in its open tab's panel, where it
 * has tabs, as soon as that panel shows one, else in root itself once the wait is over.
 */
export function focusFirstControl(root: HTMLElement | null): void {
  const attempt = (framesLeft: number): void => {
    if (!root?.isConnected) return;
    const pane = root.querySelector('[role="tabpanel"]:not([aria-hidden="true"])');
    const target = firstControl(pane) ?? (!pane || framesLeft === 0 ? firstControl(root) : null);
    if (target) target.focus();
    else if (framesLeft > 0) requestAnimationFrame(() => attempt(framesLeft - 1));
  };
  requestAnimationFrame(() => attempt(FRAMES_TO_WAIT));
}

/**
 * Focuses an element that is being shown again: focus() does nothing while it is still hidden,
 * which lasts until the page is restyled, and through a transition of its visibility.
 */
export function focusWhenShown(element: HTMLElement): void {
  const attempt = (framesLeft: number): void => {
    if (!element.isConnected) return;
    element.focus();
    if (document.activeElement !== element && framesLeft > 0) requestAnimationFrame(() => attempt(framesLeft - 1));
  };
  attempt(FRAMES_TO_WAIT);
}
