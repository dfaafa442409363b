import { describe, expect, it } from 'vitest';
import { uuidv7 } from './uuid.ts';

describe('uuidv7', () => {
  it('is a version 7, variant 10 UUID carrying the time', () => {
    const id = uuidv7(Date.UTC(2026, 10, 22, 1, 2, 3, 4));
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(parseInt(id.replaceAll('-', '').slice(0, 12), 16)).toBe(Date.UTC(2026, 10, 22, 1, 2, 3, 4));
  });

  it('sorts in the order made, also many within one millisecond and when the clock steps back', () => {
    const now = Date.UTC(2030, 0, 1);
    const ids = [
      ...Array.from({ length: 5000 }, () => uuidv7(now)),
      ...Array.from({ length: 10 }, () => uuidv7(now - 5)),
      uuidv7(now + 10),
    ];
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
