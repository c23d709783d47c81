import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  type ChartConfiguration,
  type ChartDataset,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
} from 'chart.js';
import { fmt } from './format.ts';

Chart.register(
  BarController,
  BarElement,
  LineController,
  LineElement,
  PointElement,
  CategoryScale,
  LinearScale,
  Legend,
  Tooltip,
);
Chart.defaults.locale = 'id-ID';
Chart.defaults.animation = false;
Chart.defaults.maintainAspectRatio = false;
Chart.defaults.font.family = 'system-ui, "Segoe UI", Roboto, "Noto Sans", sans-serif';

const live: Chart[] = [];

/** Destroy every chart of the previous view (on navigation). */
export function destroyCharts(): void {
  for (const c of live.splice(0)) c.destroy();
}

function canvasIn(host: Element, id: string): HTMLCanvasElement {
  const canvas = host.querySelector<HTMLCanvasElement>(`canvas[data-chart="${id}"]`);
  if (!canvas) throw new Error(`canvas ${id} not found`);
  return canvas;
}

/** Data values a chart plots (non-missing), also written to `data-points` for checks. */
function points(config: ChartConfiguration): number {
  return config.data.datasets.reduce(
    (n, d) => n + (d.data as unknown[]).filter((v) => typeof v === 'number' && Number.isFinite(v)).length,
    0,
  );
}

function create(host: Element, id: string, config: ChartConfiguration): Chart {
  const canvas = canvasIn(host, id);
  canvas.dataset.points = String(points(config));
  const chart = new Chart(canvas, config);
  live.push(chart);
  return chart;
}

/** Category labels on a phone: at most 18 characters (the full label stays in the tooltip). */
function short(label: string): string {
  const max = window.innerWidth < 600 ? 18 : 40;
  return label.length > max ? `${label.slice(0, max - 1)}…` : label;
}

export interface BarOptions {
  horizontal?: boolean;
  stacked?: boolean;
  /** Format of value axis ticks and tooltips. @default two decimals */
  digits?: number;
  max?: number;
  yTitle?: string;
}

/** A bar chart on `<canvas data-chart="id">` inside `host`. */
export function barChart(
  host: Element,
  id: string,
  labels: string[],
  datasets: ChartDataset<'bar'>[],
  o: BarOptions = {},
): Chart {
  const value = o.horizontal ? 'x' : 'y';
  const category = o.horizontal ? 'y' : 'x';
  const digits = o.digits ?? 2;
  return create(host, id, {
    type: 'bar',
    data: { labels, datasets },
    options: {
      indexAxis: o.horizontal ? 'y' : 'x',
      plugins: {
        legend: { display: datasets.length > 1 },
        tooltip: {
          callbacks: { label: (c) => `${c.dataset.label ?? ''}: ${fmt(c.parsed[value] as number, digits)}` },
        },
      },
      scales: {
        [category]: {
          stacked: o.stacked ?? false,
          ticks: { autoSkip: false, callback: (_v: number | string, i: number) => short(labels[i] ?? '') },
        },
        [value]: {
          stacked: o.stacked ?? false,
          beginAtZero: true,
          ...(o.max === undefined ? {} : { max: o.max }),
          ticks: { precision: digits, callback: (v: number | string) => fmt(Number(v), digits) },
          title: { display: o.yTitle !== undefined, text: o.yTitle ?? '' },
        },
      },
    },
  } as ChartConfiguration);
}

/** A line chart (trend over periods) on `<canvas data-chart="id">` inside `host`. */
export function lineChart(
  host: Element,
  id: string,
  labels: string[],
  datasets: ChartDataset<'line'>[],
  max = 5,
): Chart {
  return create(host, id, {
    type: 'line',
    data: { labels, datasets },
    options: {
      spanGaps: true,
      plugins: { tooltip: { callbacks: { label: (c) => `${c.dataset.label ?? ''}: ${fmt(c.parsed.y)}` } } },
      scales: { y: { min: 0, max, ticks: { callback: (v: number | string) => fmt(Number(v), 1) } } },
    },
  } as ChartConfiguration);
}
