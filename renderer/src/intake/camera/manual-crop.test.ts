import { describe, expect, it } from 'vitest';
import { dragFractions, fractionsToRect } from './manual-crop.ts';

const VIEW = { width: 400, height: 300 };

describe('a crop drawn on the live view', () => {
  it('is the dragged rectangle as fractions of the view, whichever way it was dragged', () => {
    const expected = { left: 0.25, top: 0.1, right: 0.75, bottom: 0.9 };
    expect(dragFractions({ x: 100, y: 30 }, { x: 300, y: 270 }, VIEW)).toEqual(expected);
    expect(dragFractions({ x: 300, y: 270 }, { x: 100, y: 30 }, VIEW)).toEqual(expected);
    expect(dragFractions({ x: 100, y: 270 }, { x: 300, y: 30 }, VIEW)).toEqual(expected);
  });

  it('stops at the view’s edges when the pointer leaves it', () => {
    expect(dragFractions({ x: -50, y: -10 }, { x: 900, y: 150 }, VIEW)).toEqual({
      left: 0,
      top: 0,
      right: 1,
      bottom: 0.5,
    });
  });

  it('is nothing for a click, a thin line, or a view without size', () => {
    expect(dragFractions({ x: 100, y: 100 }, { x: 102, y: 101 }, VIEW)).toBeNull();
    expect(dragFractions({ x: 100, y: 100 }, { x: 300, y: 104 }, VIEW)).toBeNull();
    expect(dragFractions({ x: 0, y: 0 }, { x: 10, y: 10 }, { width: 0, height: 300 })).toBeNull();
  });

  it('falls on the same part of frames of any resolution', () => {
    const fractions = { left: 0.25, top: 0.1, right: 0.75, bottom: 0.9 };
    expect(fractionsToRect(fractions, { width: 640, height: 480 })).toEqual({ x: 160, y: 48, width: 320, height: 384 });
    expect(fractionsToRect(fractions, { width: 2592, height: 1944 })).toEqual({
      x: 648,
      y: 194,
      width: 1296,
      height: 1556,
    });
  });

  it('keeps at least one pixel inside the frame', () => {
    expect(fractionsToRect({ left: 1, top: 1, right: 1, bottom: 1 }, { width: 10, height: 10 })).toEqual({
      x: 9,
      y: 9,
      width: 1,
      height: 1,
    });
  });
});
