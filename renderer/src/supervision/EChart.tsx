// A small React wrapper around ECharts (SVG renderer: crisp in print and in
// headless tests). The chart's data also sits on its container as JSON, so a
// test can compare what is drawn with the table beside it.
import { useEffect, useRef } from 'react';
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

function optionFor(kind: 'bar' | 'pie', data: readonly ChartDatum[]): echarts.EChartsCoreOption {
  if (kind === 'pie') {
    return {
      tooltip: { trigger: 'item', formatter: '{b}: {c} ({d}%)' },
      series: [
        {
          type: 'pie',
          radius: ['35%', '65%'],
          label: { formatter: '{b}\n{c}' },
          data: data.map((d) => ({ name: d.label, value: d.value })),
        },
      ],
    };
  }
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    grid: { left: 8, right: 16, top: 16, bottom: 8, containLabel: true },
    xAxis: {
      type: 'category',
      data: data.map((d) => d.label),
      axisLabel: { interval: 0, width: 96, overflow: 'truncate', rotate: data.length > 4 ? 30 : 0 },
    },
    yAxis: { type: 'value', minInterval: 1 },
    series: [
      {
        type: 'bar',
        data: data.map((d) => d.value),
        itemStyle: { color: COLOR },
        barMaxWidth: 48,
        label: { show: true, position: 'top' },
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

  useEffect(() => {
    const instance = echarts.init(element.current!, undefined, { renderer: 'svg' });
    chart.current = instance;
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(element.current!);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(optionFor(kind, data), { notMerge: true });
  }, [kind, data]);

  return (
    <div
      ref={element}
      style={{ width: '100%', height }}
      data-testid={testId}
      data-values={JSON.stringify(data.map(({ key, label, value }) => ({ key, label, value })))}
    />
  );
}
