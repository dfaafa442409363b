// Alt+N (新收件) starts the next applicant from anywhere in the intake
// workspace: its tabs and wizard, the receipt shown after a submission, and the
// page itself when focus has fallen to its body. Not from another dialog (a
// case's detail, a consultation form), nor under the lock screen.
import { useEffect, useRef } from 'react';

type Keys = Pick<KeyboardEvent, 'altKey' | 'ctrlKey' | 'metaKey' | 'shiftKey' | 'code'>;

export function isNewIntakeKey(e: Keys): boolean {
  return e.altKey && !e.ctrlKey && !e.metaKey && !e.shiftKey && e.code === 'KeyN';
}

/** Alt+N pressed while nothing has the focus (the body) and no dialog is open. */
export function useNewIntakeKeyOnPage(onNew: () => void): void {
  const latest = useRef(onNew);
  useEffect(() => {
    latest.current = onNew;
  });
  useEffect(() => {
    const onKeyDown = (e: KeyboardEvent): void => {
      if (!isNewIntakeKey(e) || e.defaultPrevented || e.target !== document.body) return;
      // A closed dialog may stay in the page, hidden: only one on screen keeps the key.
      if ([...document.querySelectorAll('[aria-modal="true"]')].some((d) => d.checkVisibility())) return;
      e.preventDefault();
      latest.current();
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, []);
}
