// The case list's search box: every keystroke asks the backend at once (the
// list drops answers to superseded queries and keeps the rows on screen until
// the new ones arrive), except while an input method is composing — pinyin
// typed for 张 is not a query until the character is chosen.
import { useMemo, useRef, useState, type ChangeEvent, type CompositionEvent } from 'react';
import { looksLikeCaseNumber, parseCaseNumber } from '../../../shared/case/case-number.ts';

/** What the backend is asked: the trimmed text, or no query at all. */
const queryOf = (text: string): string | undefined => text.trim() || undefined;

/**
 * The box's text and props; `search` sets the list's query, and is called
 * only when the query changes.
 */
export function useCaseSearch(search: (query: string | undefined) => void) {
  const [text, setText] = useState('');
  const composing = useRef(false);
  // null: ask even if the text did not change.
  const asked = useRef<string | undefined | null>(undefined);
  const ask = (value: string): void => {
    const query = queryOf(value);
    if (query === asked.current) return;
    asked.current = query;
    search(query);
  };

  // A complete number with a wrong check character or date is named under the box.
  const problem = useMemo(() => {
    if (!looksLikeCaseNumber(text)) return null;
    const parsed = parseCaseNumber(text);
    return !parsed.ok && (parsed.error === 'bad_check' || parsed.error === 'bad_date') ? parsed.error : null;
  }, [text]);

  return {
    text,
    problem,
    inputProps: {
      value: text,
      onChange: (e: ChangeEvent<HTMLInputElement>): void => {
        setText(e.target.value);
        if (!composing.current) ask(e.target.value);
      },
      onCompositionStart: (): void => {
        composing.current = true;
      },
      onCompositionEnd: (e: CompositionEvent<HTMLInputElement>): void => {
        composing.current = false;
        ask(e.currentTarget.value);
      },
      // Enter (or the button) asks again even when the text did not change: the list may have.
      onSearch: (value: string): void => {
        asked.current = null;
        ask(value);
      },
    },
  };
}
