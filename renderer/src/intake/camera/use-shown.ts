// Whether an element is on screen at all: the intake's tabs and the wizard's
// steps stay drawn while hidden (display: none), and a hidden panel must not
// keep a camera on, nor answer its key.
import { useEffect, useState, type RefObject } from 'react';

export function useShown(ref: RefObject<Element | null>): boolean {
  const [shown, setShown] = useState(false);
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    // A box hidden by display: none (its own or an ancestor's) measures nothing.
    const observer = new ResizeObserver(([entry]) =>
      setShown((entry?.contentRect.width ?? 0) > 0 || (entry?.contentRect.height ?? 0) > 0),
    );
    observer.observe(element);
    return () => observer.disconnect();
  }, [ref]);
  return shown;
}
