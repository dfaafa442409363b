// The live view, on which the clerk may drag a rectangle: the region every
// page is then cropped to (manual-crop.ts), drawn over the view.
import { useState, type PointerEvent, type RefObject } from 'react';
import { dragFractions, type FrameFractions, type Point } from './manual-crop.ts';

function pointIn(video: HTMLVideoElement, e: PointerEvent): Point {
  const box = video.getBoundingClientRect();
  return { x: e.clientX - box.left, y: e.clientY - box.top };
}

export function CropView({
  video,
  region,
  onRegion,
  label,
}: {
  video: RefObject<HTMLVideoElement | null>;
  region: FrameFractions | null;
  onRegion(region: FrameFractions): void;
  label: string;
}) {
  // The view's size is read when the drag starts, in the handler, not while drawing.
  const [drag, setDrag] = useState<{ start: Point; end: Point; view: { width: number; height: number } } | null>(null);
  const shown = drag ? dragFractions(drag.start, drag.end, drag.view) : region;

  return (
    <div
      data-testid="camera-view"
      style={{ position: 'relative', display: 'inline-block', cursor: 'crosshair', touchAction: 'none' }}
      onPointerDown={(e) => {
        if (!video.current || e.button !== 0) return;
        e.currentTarget.setPointerCapture(e.pointerId);
        const at = pointIn(video.current, e);
        const { width, height } = video.current.getBoundingClientRect();
        setDrag({ start: at, end: at, view: { width, height } });
      }}
      onPointerMove={(e) => {
        if (drag && video.current) setDrag({ ...drag, end: pointIn(video.current, e) });
      }}
      onPointerUp={(e) => {
        if (!drag || !video.current) return;
        const drawn = dragFractions(drag.start, pointIn(video.current, e), drag.view);
        setDrag(null);
        if (drawn) onRegion(drawn);
      }}
      onPointerCancel={() => setDrag(null)}
    >
      <video
        ref={video}
        autoPlay
        muted
        playsInline
        aria-label={label}
        data-testid="camera-preview"
        style={{ maxWidth: '100%', maxHeight: 320, background: '#222', display: 'block' }}
      />
      {shown && (
        <div
          data-testid="camera-region"
          style={{
            position: 'absolute',
            left: `${shown.left * 100}%`,
            top: `${shown.top * 100}%`,
            width: `${(shown.right - shown.left) * 100}%`,
            height: `${(shown.bottom - shown.top) * 100}%`,
            border: '2px dashed #c4161c',
            boxSizing: 'border-box',
            pointerEvents: 'none',
          }}
        />
      )}
    </div>
  );
}
