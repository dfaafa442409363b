// ECharts is fetched when the first chart is drawn (the statistics tab), not
// with the app: a drop-in for EChart.tsx's component.
import { lazy, Suspense, type ComponentProps } from 'react';
import { Spin } from 'antd';
import type { EChart as Chart } from './EChart.tsx';

export type { ChartDatum } from './EChart.tsx';

const Loaded = lazy(() => import('./EChart.tsx').then((module) => ({ default: module.EChart })));

export function EChart(props: ComponentProps<typeof Chart>) {
  return (
    <Suspense fallback={<Spin style={{ display: 'block', margin: 32 }} />}>
      <Loaded {...props} />
    </Suspense>
  );
}
