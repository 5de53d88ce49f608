import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Filler,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
} from 'chart.js';
import type { Measure } from '@rewind/contracts';

Chart.register(BarController, BarElement, LineController, LineElement, PointElement, CategoryScale, LinearScale, Tooltip, Filler);
Chart.defaults.color = '#a7b0ab';
Chart.defaults.borderColor = 'rgba(255,255,255,0.08)';
Chart.defaults.font.family = getComputedStyle(document.documentElement).getPropertyValue('--font').trim() || 'system-ui, sans-serif';

const ACCENT = '#1ed760';
const charts = new WeakMap<HTMLCanvasElement, Chart>();

export interface Series {
  labels: string[];
  values: number[];
  by: Measure;
  type?: 'bar' | 'line';
}

/** Draws (or redraws in place) a single-series chart on `canvas`. */
export function drawChart(canvas: HTMLCanvasElement, s: Series): void {
  const unit = s.by === 'plays' ? 'plays' : 'minutes';
  const type = s.type ?? 'bar';
  const existing = charts.get(canvas);
  if (existing && (existing.config as { type?: string }).type === type) {
    existing.data.labels = s.labels;
    existing.data.datasets[0].data = s.values;
    existing.data.datasets[0].label = unit;
    existing.update('none');
    return;
  }
  existing?.destroy();
  const chart = new Chart(canvas, {
    type,
    data: {
      labels: s.labels,
      datasets: [
        {
          label: unit,
          data: s.values,
          backgroundColor: type === 'line' ? 'rgba(30,215,96,0.18)' : ACCENT,
          borderColor: ACCENT,
          borderWidth: type === 'line' ? 2 : 0,
          borderRadius: type === 'bar' ? 3 : 0,
          pointRadius: 0,
          fill: type === 'line',
          tension: 0.25,
        },
      ],
    },
    options: {
      animation: false,
      responsive: true,
      maintainAspectRatio: false,
      interaction: { mode: 'index', intersect: false },
      plugins: {
        legend: { display: false },
        tooltip: {
          callbacks: {
            label: (ctx) => ` ${new Intl.NumberFormat('en', { maximumFractionDigits: 1 }).format(ctx.parsed.y ?? 0)} ${ctx.dataset.label}`,
          },
        },
      },
      scales: {
        x: { grid: { display: false }, ticks: { maxRotation: 0, autoSkip: true, autoSkipPadding: 12 } },
        y: { beginAtZero: true, ticks: { precision: 0 } },
      },
    },
  });
  charts.set(canvas, chart);
}
