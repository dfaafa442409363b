// Cropping a document camera's frame to the page: the page is the large light
// area on a darker desk or mat, as a 高拍仪's base is. Pure, on RGBA pixels, so
// it runs the same on a canvas's ImageData and in a unit test.

export interface Pixels {
  width: number;
  height: number;
  /** RGBA, four bytes a pixel, row by row. */
  data: Uint8ClampedArray | Uint8Array;
}

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** About this many samples along the longer side: enough for a page's edge, cheap for a 5-megapixel frame. */
const SAMPLES_ALONG = 400;
/** Below this difference of mean brightness between page and background there is no page to tell apart. */
const MIN_CONTRAST = 40;
/** A row (column) is on the page when this share of its samples is light, relative to the lightest row: a line
 * of dense text or a table leaves far more than a quarter of the paper showing. */
const ON_PAGE_SHARE = 0.25;
/** A dark rule or a photo across the page may break its rows; gaps up to this share of the side are bridged. */
const BRIDGED_GAP = 0.03;
/** A light area smaller than this share of the frame is a reflection or a label, not a page. */
const MIN_PAGE_AREA = 0.1;

function luma(data: Pixels['data'], offset: number): number {
  return (77 * data[offset]! + 150 * data[offset + 1]! + 29 * data[offset + 2]!) >> 8;
}

/** Otsu's threshold of a 256-bin histogram, with the mean brightness of each side. */
function otsu(histogram: number[]): { threshold: number; dark: number; light: number } {
  const total = histogram.reduce((a, b) => a + b, 0);
  const sum = histogram.reduce((a, count, value) => a + count * value, 0);
  let best = { threshold: 0, variance: -1, dark: 0, light: 0 };
  let darkCount = 0;
  let darkSum = 0;
  for (let t = 0; t < 255; t += 1) {
    darkCount += histogram[t]!;
    darkSum += t * histogram[t]!;
    const lightCount = total - darkCount;
    if (darkCount === 0 || lightCount === 0) continue;
    const dark = darkSum / darkCount;
    const light = (sum - darkSum) / lightCount;
    const variance = darkCount * lightCount * (dark - light) ** 2;
    if (variance > best.variance) best = { threshold: t, variance, dark, light };
  }
  return best;
}

/** The longest run of marked indices, gaps up to maxGap bridged; null when none is marked. */
function longestRun(marked: boolean[], maxGap: number): { first: number; last: number } | null {
  let best: { first: number; last: number } | null = null;
  let current: { first: number; last: number } | null = null;
  marked.forEach((on, index) => {
    if (!on) return;
    current =
      current && index - current.last - 1 <= maxGap
        ? { first: current.first, last: index }
        : { first: index, last: index };
    if (!best || current.last - current.first > best.last - best.first) best = current;
  });
  return best;
}

/**
 * The page's bounding box in the frame's pixels; null when no page stands out
 * from the background (too little contrast, or the light area too small).
 */
export function pageBounds(image: Pixels): Rect | null {
  const { width, height, data } = image;
  if (width < 2 || height < 2 || data.length < width * height * 4) return null;
  const step = Math.max(1, Math.floor(Math.max(width, height) / SAMPLES_ALONG));
  const columns = Math.ceil(width / step);
  const rows = Math.ceil(height / step);
  const samples = new Uint8Array(columns * rows);
  const histogram = new Array<number>(256).fill(0);
  for (let r = 0; r < rows; r += 1) {
    for (let c = 0; c < columns; c += 1) {
      const value = luma(data, (r * step * width + c * step) * 4);
      samples[r * columns + c] = value;
      histogram[value]! += 1;
    }
  }
  const { threshold, dark, light } = otsu(histogram);
  if (light - dark < MIN_CONTRAST) return null;

  const rowCounts = new Array<number>(rows).fill(0);
  const columnCounts = new Array<number>(columns).fill(0);
  for (let r = 0; r < rows; r += 1) {
    for (let c = 0; c < columns; c += 1) {
      if (samples[r * columns + c]! > threshold) {
        rowCounts[r]! += 1;
        columnCounts[c]! += 1;
      }
    }
  }
  const onPage = (counts: number[]): boolean[] => {
    const most = Math.max(...counts);
    return counts.map((count) => count > 0 && count >= most * ON_PAGE_SHARE);
  };
  const rowRun = longestRun(onPage(rowCounts), Math.ceil(rows * BRIDGED_GAP));
  const columnRun = longestRun(onPage(columnCounts), Math.ceil(columns * BRIDGED_GAP));
  if (!rowRun || !columnRun) return null;

  const x = columnRun.first * step;
  const y = rowRun.first * step;
  const rect = {
    x,
    y,
    width: Math.min(width, (columnRun.last + 1) * step) - x,
    height: Math.min(height, (rowRun.last + 1) * step) - y,
  };
  return rect.width * rect.height >= width * height * MIN_PAGE_AREA ? rect : null;
}
