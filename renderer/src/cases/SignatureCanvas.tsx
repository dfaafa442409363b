// The collector signs on screen with mouse, pen or finger: pointer events
// drawn on a canvas, handed out as a PNG only when something was drawn.
import { forwardRef, useImperativeHandle, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Space } from 'antd';

export interface SignatureHandle {
  /** The drawing as PNG bytes, or null when nothing was drawn. */
  png(): Promise<Blob | null>;
}

const WIDTH = 480;
const HEIGHT = 160;

export const SignatureCanvas = forwardRef<SignatureHandle>(function SignatureCanvas(_props, ref) {
  const { t } = useTranslation();
  const canvas = useRef<HTMLCanvasElement>(null);
  const drawing = useRef(false);
  const drawn = useRef(false);

  useImperativeHandle(ref, () => ({
    png: () =>
      new Promise((resolve) => {
        if (!drawn.current || !canvas.current) return resolve(null);
        canvas.current.toBlob((blob) => resolve(blob), 'image/png');
      }),
  }));

  const point = (event: React.PointerEvent<HTMLCanvasElement>): [number, number] => {
    const box = event.currentTarget.getBoundingClientRect();
    return [((event.clientX - box.left) * WIDTH) / box.width, ((event.clientY - box.top) * HEIGHT) / box.height];
  };
  const context = (): CanvasRenderingContext2D | null => canvas.current?.getContext('2d') ?? null;

  return (
    <Space orientation="vertical">
      <canvas
        ref={canvas}
        width={WIDTH}
        height={HEIGHT}
        style={{ border: '1px solid #999', touchAction: 'none', background: '#fff', maxWidth: '100%' }}
        data-testid="signature-canvas"
        onPointerDown={(event) => {
          const ctx = context();
          if (!ctx) return;
          event.currentTarget.setPointerCapture(event.pointerId);
          drawing.current = true;
          ctx.lineWidth = 2.5;
          ctx.lineCap = 'round';
          ctx.beginPath();
          ctx.moveTo(...point(event));
        }}
        onPointerMove={(event) => {
          const ctx = context();
          if (!drawing.current || !ctx) return;
          ctx.lineTo(...point(event));
          ctx.stroke();
          drawn.current = true;
        }}
        onPointerUp={() => {
          drawing.current = false;
        }}
      />
      <Button
        size="small"
        onClick={() => {
          context()?.clearRect(0, 0, WIDTH, HEIGHT);
          drawn.current = false;
        }}
      >
        {t('actions.clearSignature')}
      </Button>
    </Space>
  );
});
