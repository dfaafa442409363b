import { describe, expect, it } from 'vitest';
import { changedTypes, eventsSince, mustConfirm } from './changes.ts';

const entry = (eventId: string, type = 'case.note_added') => ({ eventId, type });

describe('changes under an open form', () => {
  const seen = new Set(['e1', 'e2']);

  it('finds nothing when the timeline is as the form opened on', () => {
    const changes = eventsSince(seen, [entry('e1', 'case.received'), entry('e2', 'case.materials_checked')]);
    expect(changes).toEqual([]);
    expect(mustConfirm(changes, new Set())).toBe(false);
  });

  it('names the events that arrived since, once per type, in arrival order', () => {
    const changes = eventsSince(seen, [
      entry('e1'),
      entry('e2'),
      entry('e3', 'case.correction_supplied'),
      entry('e4'),
      entry('e5', 'case.correction_supplied'),
    ]);
    expect(changes.map((c) => c.eventId)).toEqual(['e3', 'e4', 'e5']);
    expect(changedTypes(changes)).toEqual(['case.correction_supplied', 'case.note_added']);
  });

  it('asks for a confirmation until every change is confirmed, and again for a later one', () => {
    const changes = eventsSince(seen, [entry('e1'), entry('e3')]);
    expect(mustConfirm(changes, new Set())).toBe(true);
    const confirmed = new Set(changes.map((c) => c.eventId));
    expect(mustConfirm(changes, confirmed)).toBe(false);
    expect(mustConfirm(eventsSince(seen, [entry('e1'), entry('e3'), entry('e6')]), confirmed)).toBe(true);
  });
});
