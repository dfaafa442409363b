import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { pageBounds, type Pixels, type Rect } from './crop.ts';

/** A grey desk with a white page on it, text lines in dark ink, and a little sensor noise. */
function photo(
  width: number,
  height: number,
  page: Rect | null,
  options: { desk?: number; seed?: number } = {},
): Pixels {
  const data = new Uint8ClampedArray(width * height * 4);
  let seed = options.seed ?? 1;
  const noise = (): number => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return (seed % 17) - 8;
  };
  for (let y = 0; y < height; y += 1) {
    for (let x = 0; x < width; x += 1) {
      let value = options.desk ?? 70;
      if (page && x >= page.x && x < page.x + page.width && y >= page.y && y < page.y + page.height) {
        const line = Math.floor((y - page.y) / 12);
        const inMargin = x < page.x + page.width * 0.1 || x > page.x + page.width * 0.9;
        // Every other band of 12 rows carries ink, as lines of text do.
        value = line % 2 === 1 && (y - page.y) % 12 < 6 && !inMargin && (x >> 3) % 3 !== 0 ? 30 : 235;
      }
      const offset = (y * width + x) * 4;
      data[offset] = data[offset + 1] = data[offset + 2] = value + noise();
      data[offset + 3] = 255;
    }
  }
  return { width, height, data };
}

function expectNear(found: Rect | null, page: Rect, tolerance: number): void {
  expect(found).not.toBeNull();
  for (const key of ['x', 'y', 'width', 'height'] as const) {
    expect(Math.abs(found![key] - page[key]), key).toBeLessThanOrEqual(tolerance);
  }
}

describe('the page in a document camera frame', () => {
  it('is found against a darker desk, text lines and all', () => {
    const page = { x: 160, y: 40, width: 320, height: 400 };
    expectNear(pageBounds(photo(640, 480, page)), page, 1);
  });

  it('is found in a large frame, to within the sampling step', () => {
    const page = { x: 410, y: 95, width: 1200, height: 1700 };
    // 2000 px along: one sample every 5 px.
    expectNear(pageBounds(photo(2000, 1800, page)), page, 5);
  });

  it('is found when it fills the frame to an edge', () => {
    const page = { x: 0, y: 30, width: 500, height: 450 };
    expectNear(pageBounds(photo(640, 480, page)), page, 1);
  });

  it('survives a dark rule across the whole page', () => {
    const page = { x: 100, y: 60, width: 400, height: 380 };
    const image = photo(640, 480, page);
    for (let y = 200; y < 206; y += 1) {
      for (let x = page.x; x < page.x + page.width; x += 1)
        image.data.fill(20, (y * 640 + x) * 4, (y * 640 + x) * 4 + 3);
    }
    expectNear(pageBounds(image), page, 1);
  });

  it('is not found in a frame without contrast, nor where the light area is too small to be a page', () => {
    expect(pageBounds(photo(320, 240, null))).toBeNull();
    expect(pageBounds(photo(320, 240, null, { desk: 230 }))).toBeNull();
    expect(pageBounds(photo(640, 480, { x: 300, y: 200, width: 60, height: 50 }))).toBeNull();
  });

  it('refuses pixels that do not fill the frame they claim', () => {
    expect(pageBounds({ width: 100, height: 100, data: new Uint8ClampedArray(10) })).toBeNull();
    expect(pageBounds({ width: 1, height: 1, data: new Uint8ClampedArray(4) })).toBeNull();
  });

  it('is found wherever a page of a reasonable size lies', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 200 }),
        fc.integer({ min: 0, max: 100 }),
        fc.integer({ min: 180, max: 320 }),
        fc.integer({ min: 160, max: 260 }),
        fc.integer({ min: 20, max: 110 }),
        (x, y, width, height, desk) => {
          const page = { x, y, width, height };
          expectNear(pageBounds(photo(520, 360, page, { desk, seed: x + y })), page, 1);
        },
      ),
      { numRuns: 60 },
    );
  });
});
