// A crop the clerk draws on the live view: kept as fractions of the frame, so
// it stays on the same part of the base whatever resolution the camera gives,
// and applies to every page taken until it is cleared.
import type { Rect } from './crop.ts';

/** Edges as fractions of the frame's width and height, left < right and top < bottom. */
export interface FrameFractions {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

export interface Point {
  x: number;
  y: number;
}

/** A drag shorter than this share of the view on either side is a click, not a rectangle. */
const MIN_SIDE = 0.03;

const clamp = (value: number): number => Math.min(1, Math.max(0, value));

/**
 * The rectangle between where a drag started and ended, in the view's own
 * pixels (relative to its top left corner), as fractions of the view; null for
 * a drag too small to mean a region or a view without size.
 */
export function dragFractions(
  start: Point,
  end: Point,
  view: { width: number; height: number },
): FrameFractions | null {
  if (view.width <= 0 || view.height <= 0) return null;
  const xs = [clamp(start.x / view.width), clamp(end.x / view.width)].sort((a, b) => a - b);
  const ys = [clamp(start.y / view.height), clamp(end.y / view.height)].sort((a, b) => a - b);
  const [left, right] = xs as [number, number];
  const [top, bottom] = ys as [number, number];
  if (right - left < MIN_SIDE || bottom - top < MIN_SIDE) return null;
  return { left, top, right, bottom };
}

/** The fractions in a frame's pixels, whole and inside the frame, at least one pixel a side. */
export function fractionsToRect(fractions: FrameFractions, frame: { width: number; height: number }): Rect {
  const x = Math.min(frame.width - 1, Math.round(fractions.left * frame.width));
  const y = Math.min(frame.height - 1, Math.round(fractions.top * frame.height));
  return {
    x,
    y,
    width: Math.max(1, Math.min(frame.width, Math.round(fractions.right * frame.width)) - x),
    height: Math.max(1, Math.min(frame.height, Math.round(fractions.bottom * frame.height)) - y),
  };
}
