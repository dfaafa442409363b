// parseJson refuses U+0000 anywhere in a body (PostgreSQL cannot store it) and
// looks for it only when the text holds the one escape that can make it.
import { describe, expect, it } from 'vitest';
import { HttpError } from './errors.ts';
import { parseJson } from './request.ts';

const body = (text: string) => Buffer.from(text, 'utf8');

function refusal(text: string): string | null {
  try {
    parseJson(body(text));
    return null;
  } catch (error) {
    expect(error).toBeInstanceOf(HttpError);
    return (error as HttpError).message;
  }
}

describe('parseJson', () => {
  it('refuses a NUL in a value, a key, deep in arrays, or beside other escapes', () => {
    for (const value of [
      { a: 'x\u0000' },
      { ['k\u0000']: 1 },
      { a: [{ b: ['\u0000'] }] },
      { a: '\\\u0000' },
      { a: '\n\u0000\t' },
    ]) {
      expect(refusal(JSON.stringify(value))).toBe('The body holds a NUL character.');
    }
  });

  it('takes a backslash followed by the letters u0000, which is no NUL', () => {
    const value = { a: '\\u0000', b: ['\\\\u0000'] };
    expect(parseJson(body(JSON.stringify(value)))).toEqual(value);
  });

  it('refuses a raw NUL as not JSON, and other text that is not JSON', () => {
    expect(refusal('{"a":"x\u0000"}')).toBe('The body is not JSON.');
    expect(refusal('{"a":')).toBe('The body is not JSON.');
    expect(refusal('{"a":"\\U0000"}')).toBe('The body is not JSON.');
  });

  it('gives back what JSON.parse does for an ordinary body', () => {
    const value = { events: [{ eventId: 'e', payload: { name: '张三', n: 1.5, list: [null, true] } }] };
    expect(parseJson(body(JSON.stringify(value)))).toEqual(value);
  });
});
