// A bar chart of a report's table, for the tables people would rather look at than read (per step, per agency).
// ECharts, only the modules drawn here, in the reports page's own script. The table below it carries the same
// numbers for a screen reader, so the chart is one image with a name.
import { BarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';

echarts.use([BarChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

export type ChartSeries = { name: string; values: (number | null)[] };

// colours with 3:1 contrast on white, told apart by legend and order as well
const COLOURS = ['#1c7ed6', '#e8590c', '#2b8a3e', '#862e9c', '#495057'];

export function ReportChart({
  label,
  categories,
  series,
  stacked = false,
  rowHeight = 36,
}: {
  label: string;
  categories: string[];
  series: ChartSeries[];
  stacked?: boolean;
  // px per category: more where the names are long enough to take two lines on a phone
  rowHeight?: number;
}) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!box.current) return;
    const chart = echarts.init(box.current, undefined, { renderer: 'canvas' });
    const el = box.current;
    // the names of the bars take at most 40 % of a phone's width
    const labelWidth = () => Math.min(180, Math.round(el.clientWidth * 0.4));
    chart.setOption({
      color: COLOURS,
      animation: false,
      tooltip: { trigger: 'axis' },
      legend: { top: 0, show: series.length > 1 },
      grid: { left: 8, right: 16, top: series.length > 1 ? 32 : 8, bottom: 8, containLabel: true },
      xAxis: { type: 'value' },
      yAxis: {
        type: 'category',
        data: categories,
        inverse: true,
        axisLabel: { width: labelWidth(), overflow: 'break', lineHeight: 14 },
      },
      series: series.map((s) => ({
        type: 'bar',
        name: s.name,
        data: s.values,
        stack: stacked ? 'all' : undefined,
      })),
    });
    const resize = () => {
      chart.setOption({ yAxis: { axisLabel: { width: labelWidth() } } });
      chart.resize();
    };
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      chart.dispose();
    };
  }, [categories, series, stacked]);
  return (
    <div
      ref={box}
      role="img"
      aria-label={label}
      style={{ width: '100%', height: Math.max(140, rowHeight * categories.length + (series.length > 1 ? 40 : 16)) }}
    />
  );
}
