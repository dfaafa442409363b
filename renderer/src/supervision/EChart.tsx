// A small React wrapper around ECharts (SVG renderer: crisp in print and in
// headless tests). The chart's data also sits on its container as JSON, so a
// test can compare what is drawn with the table beside it.
import { useEffect, useRef, useState } from 'react';
import { BarChart, PieChart } from 'echarts/charts';
import { GridComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';

echarts.use([BarChart, PieChart, GridComponent, TooltipComponent, SVGRenderer]);

export interface ChartDatum {
  key: string;
  label: string;
  value: number;
}

const COLOR = '#c4161c';
/** The share of a bar chart's width its category names may take, broken into lines rather than cut. */
const LABEL_SHARE = 0.4;
/** Room for one bar and a name of up to three lines beside it. */
const ROW_HEIGHT = 56;
/** A pie's names break into lines this wide. */
const PIE_LABEL_WIDTH = 110;

function optionFor(kind: 'bar' | 'pie', data: readonly ChartDatum[], width: number): echarts.EChartsCoreOption {
  // Drawn at once: a label is where it will stay, in print and for the eye.
  const base = { animation: false };
  if (kind === 'pie') {
    return {
      ...base,
      tooltip: { trigger: 'item', formatter: '{b}: {c} ({d}%)' },
      series: [
        {
          type: 'pie',
          radius: ['35%', '65%'],
          label: { formatter: '{b}\n{c}', width: PIE_LABEL_WIDTH, overflow: 'break' },
          data: data.map((d) => ({ name: d.label, value: d.value })),
        },
      ],
    };
  }
  // Bars lie down, names on the left: a matter's long name reads whole on up to three lines.
  return {
    ...base,
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    grid: { left: 8, right: 40, top: 8, bottom: 8, containLabel: true },
    yAxis: {
      type: 'category',
      inverse: true,
      data: data.map((d) => d.label),
      axisLabel: {
        interval: 0,
        width: Math.max(80, Math.floor(width * LABEL_SHARE)),
        overflow: 'break',
        lineHeight: 16,
      },
    },
    xAxis: { type: 'value', minInterval: 1 },
    series: [
      {
        type: 'bar',
        data: data.map((d) => d.value),
        itemStyle: { color: COLOR },
        barMaxWidth: 32,
        label: { show: true, position: 'right' },
      },
    ],
  };
}

export function EChart({
  kind,
  data,
  testId,
  height = 280,
}: {
  kind: 'bar' | 'pie';
  data: readonly ChartDatum[];
  testId: string;
  height?: number;
}) {
  const element = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  // The names' room follows the chart's width.
  const [width, setWidth] = useState(0);

  useEffect(() => {
    const instance = echarts.init(element.current!, undefined, { renderer: 'svg' });
    chart.current = instance;
    const observer = new ResizeObserver(([entry]) => {
      instance.resize();
      setWidth(Math.round(entry?.contentRect.width ?? 0));
    });
    observer.observe(element.current!);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    if (width > 0) chart.current?.setOption(optionFor(kind, data, width), { notMerge: true });
  }, [kind, data, width]);

  return (
    <div
      ref={element}
      style={{ width: '100%', height: kind === 'bar' ? Math.max(height, 16 + data.length * ROW_HEIGHT) : height }}
      data-testid={testId}
      data-values={JSON.stringify(data.map(({ key, label, value }) => ({ key, label, value })))}
    />
  );
}
