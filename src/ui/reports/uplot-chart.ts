/**
 * Charts drawn with uPlot (MIT, ~22 kB gz, canvas): fast on a year of days, and only the reports page loads
 * it, never a Gmail-tab script. Colours are the theme's CSS variables read at drawing time; the page redraws
 * when the theme changes.
 */
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { ChartDrawer, ChartSpec, SeriesColour } from './chart';

const HEIGHT = 220;

function colourOf(host: HTMLElement, colour: SeriesColour): string {
  const name = colour === 'muted' ? '--ld-muted' : `--ld-${colour}`;
  return getComputedStyle(host).getPropertyValue(name).trim() || '#0b57d0';
}

function optionsFor(host: HTMLElement, spec: ChartSpec, width: number): uPlot.Options {
  const fg = colourOf(host, 'muted');
  const grid = getComputedStyle(host).getPropertyValue('--ld-border').trim() || '#c4c7c5';
  const bars = spec.kind === 'bars' ? uPlot.paths.bars?.({ size: [0.7, 64], align: 0 }) : undefined;
  const labels = spec.labels;
  const axisLabels = spec.axisLabels ?? labels;
  const axis = { stroke: fg, grid: { stroke: grid, width: 1 }, ticks: { stroke: grid, width: 1 } };
  return {
    width,
    height: HEIGHT,
    // The legend names the series; its hover values would read "--" at rest.
    legend: { show: spec.series.length > 1, live: false },
    cursor: { drag: { x: false, y: false } },
    scales: {
      x: {
        time: labels === undefined,
        ...(labels ? { range: [-0.5, labels.length - 0.5] as [number, number] } : {}),
      },
    },
    axes: [
      {
        ...axis,
        ...(labels
          ? {
              values: (_u: uPlot, ticks: number[]) => ticks.map((tick) => axisLabels?.[tick] ?? ''),
              // Every category labelled: ten buckets in a half-width chart are closer than uPlot's 50 px default.
              incrs: [1, 2],
              space: 24,
            }
          : {}),
      },
      {
        ...axis,
        ...(spec.yFormat
          ? { values: (_u: uPlot, ticks: number[]) => ticks.map((tick) => spec.yFormat?.(tick) ?? '') }
          : {}),
      },
    ],
    series: [
      labels ? { value: (_u: uPlot, v: number | null) => (v === null ? '' : (labels[v] ?? '')) } : {},
      ...spec.series.map((series) => {
        const stroke = colourOf(host, series.colour);
        return {
          label: series.label,
          stroke,
          width: 2,
          ...(bars ? { paths: bars, fill: stroke, points: { show: false } } : {}),
        };
      }),
    ],
  };
}

export const drawWithUplot: ChartDrawer = (host, spec) => {
  host.replaceChildren();
  const width = () => Math.max(240, host.clientWidth || 600);
  const data = [spec.x, ...spec.series.map((series) => series.values)] as uPlot.AlignedData;
  const chart = new uPlot(optionsFor(host, spec, width()), data, host);
  const resize = new ResizeObserver(() => chart.setSize({ width: width(), height: HEIGHT }));
  resize.observe(host);
  return () => {
    resize.disconnect();
    chart.destroy();
  };
};
