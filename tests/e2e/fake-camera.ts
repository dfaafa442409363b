// A document camera for Chromium's fake capture device: a page lying on a grey
// base, written as a YUV4MPEG2 (I420) video that Chromium loops
// (--use-file-for-fake-video-capture). The page is white with lines of dark
// "text", so a capture cropped to it has the page's size and light corners.
import { writeFileSync } from 'node:fs';

export interface PageVideo {
  width: number;
  height: number;
  /** Where the page lies in each frame. */
  page: { x: number; y: number; width: number; height: number };
}

export const PAGE_VIDEO: PageVideo = { width: 640, height: 480, page: { x: 160, y: 40, width: 320, height: 400 } };

const BASE_LUMA = 80;
const PAPER_LUMA = 235;
const INK_LUMA = 25;

/** The luma plane of one frame: base, paper, and a line of ink every 24 rows between the margins. */
function lumaPlane({ width, height, page }: PageVideo): Buffer {
  const plane = Buffer.alloc(width * height, BASE_LUMA);
  for (let y = page.y; y < page.y + page.height; y += 1) {
    const inLine = (y - page.y) % 24 >= 16 && y - page.y > 40 && y < page.y + page.height - 40;
    for (let x = page.x; x < page.x + page.width; x += 1) {
      const inText = x > page.x + 30 && x < page.x + page.width - 30;
      plane[y * width + x] = inLine && inText ? INK_LUMA : PAPER_LUMA;
    }
  }
  return plane;
}

/** Writes the video: a few identical frames of 4:2:0 grey-scale (chroma at the neutral 128). */
export function writePageVideo(file: string, video: PageVideo = PAGE_VIDEO, frames = 3): void {
  const { width, height } = video;
  const header = Buffer.from(`YUV4MPEG2 W${width} H${height} F10:1 Ip A1:1 C420jpeg\n`, 'ascii');
  const chroma = Buffer.alloc((width / 2) * (height / 2) * 2, 128);
  const frame = Buffer.concat([Buffer.from('FRAME\n', 'ascii'), lumaPlane(video), chroma]);
  writeFileSync(file, Buffer.concat([header, ...Array.from({ length: frames }, () => frame)]));
}
