// While the screen is locked, nothing of the page may be read: not through the
// lock screen, not by a screen reader, not by tabbing into it. Everything in
// the document's body but the lock screen itself (the app and any open dialog,
// drawer or message antd put beside it) is hidden, inert and left out of the
// accessibility tree, and so is whatever appears there while locked. The page
// stays mounted underneath, so unfinished work is there after the unlock.

const HIDDEN_ATTRIBUTE = 'data-hidden-by-lock';

function hide(element: Element, keep: Element): void {
  if (element === keep || !(element instanceof HTMLElement) || element.hasAttribute(HIDDEN_ATTRIBUTE)) return;
  element.setAttribute(
    HIDDEN_ATTRIBUTE,
    JSON.stringify({
      ariaHidden: element.getAttribute('aria-hidden'),
      visibility: element.style.visibility,
      inert: element.inert,
    }),
  );
  element.setAttribute('aria-hidden', 'true');
  element.style.visibility = 'hidden';
  element.inert = true;
}

function restore(element: HTMLElement): void {
  const saved = JSON.parse(element.getAttribute(HIDDEN_ATTRIBUTE) ?? '{}') as {
    ariaHidden?: string | null;
    visibility?: string;
    inert?: boolean;
  };
  element.removeAttribute(HIDDEN_ATTRIBUTE);
  if (saved.ariaHidden === null || saved.ariaHidden === undefined) element.removeAttribute('aria-hidden');
  else element.setAttribute('aria-hidden', saved.ariaHidden);
  element.style.visibility = saved.visibility ?? '';
  element.inert = saved.inert ?? false;
}

/** Hides every other child of the body until the returned function is called. */
export function hidePageBesides(keep: Element): () => void {
  const body = keep.ownerDocument.body;
  for (const child of Array.from(body.children)) hide(child, keep);
  const observer = new MutationObserver((records) => {
    for (const record of records)
      for (const node of Array.from(record.addedNodes)) if (node instanceof Element) hide(node, keep);
  });
  observer.observe(body, { childList: true });
  return () => {
    observer.disconnect();
    for (const child of Array.from(body.querySelectorAll<HTMLElement>(`:scope > [${HIDDEN_ATTRIBUTE}]`)))
      restore(child);
  };
}
