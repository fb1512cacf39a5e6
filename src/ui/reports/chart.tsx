import { type ComponentChildren, createContext } from 'preact';
import { useContext, useEffect, useRef, useState } from 'preact/hooks';
import { t } from '../i18n';
import { type DataTable, downloadText, toCsv } from './csv';
import { formatCount } from './format';

/** The theme colours a series is drawn in (read from the page's CSS variables when drawing). */
export type SeriesColour = 'accent' | 'ok' | 'warning' | 'danger' | 'muted';

export interface ChartSpec {
  kind: 'line' | 'bars';
  /** Epoch seconds when `labels` is absent (a time axis); otherwise 0, 1, 2 … with `labels` for the axis. */
  x: number[];
  labels?: string[];
  /** Shorter labels for the axis where `labels` would overlap ("4 hr" for "4 hr – 8 hr"). */
  axisLabels?: string[];
  series: { label: string; values: (number | null)[]; colour: SeriesColour }[];
  /** How the y axis writes a value (a share as a percent). */
  yFormat?: (value: number) => string;
}

/** Draws a chart into `host`; returns a function that removes it. */
export type ChartDrawer = (host: HTMLElement, spec: ChartSpec) => () => void;

/**
 * The page provides uPlot's drawer (./uplot-chart.ts); without it (unit tests) charts draw nothing and
 * their tables and summaries still say everything.
 */
export const ChartDraw = createContext<ChartDrawer>(() => () => {});

/**
 * A table's columns as its header and its rows as the body; `children` replaces the body where rows hold
 * more than text (links, inputs) while the header and the CSV still come from `table`.
 */
export function DataTableView({
  table,
  caption,
  className,
  children,
}: {
  table: DataTable;
  caption: string;
  className?: string;
  children?: ComponentChildren;
}) {
  return (
    <div class="ld-table-wrap">
      <table class={className ?? 'ld-data'}>
        <caption>{caption}</caption>
        <thead>
          <tr>
            {table.columns.map((column) => (
              <th key={column} scope="col">
                {column}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {children ??
            table.rows.map((row, r) => (
              <tr key={String(r)}>
                {row.map((cell, c) =>
                  c === 0 ? (
                    <th key={String(c)} scope="row">
                      {cell === null ? '' : typeof cell === 'number' ? formatCount(cell) : cell}
                    </th>
                  ) : (
                    <td key={String(c)} class={typeof cell === 'number' ? 'ld-num' : undefined}>
                      {cell === null ? '—' : typeof cell === 'number' ? formatCount(cell) : cell}
                    </td>
                  ),
                )}
              </tr>
            ))}
        </tbody>
      </table>
    </div>
  );
}

export interface CsvButtonProps {
  table: DataTable;
  fileName: string;
  /** What is downloaded, for the button's accessible name ("Download CSV: Volume per day"). */
  what: string;
  download?: (fileName: string, text: string) => void;
}

export function CsvButton({ table, fileName, what, download = downloadText }: CsvButtonProps) {
  return (
    <button
      type="button"
      class="ld-quiet ld-csv"
      aria-label={t('reportsDownloadCsvOf', what)}
      onClick={() => download(fileName, toCsv(table))}
    >
      {t('reportsDownloadCsv')}
    </button>
  );
}

export interface ChartFigureProps {
  id: string;
  title: string;
  /** The chart in one or two sentences: its accessible description. */
  summary: string;
  spec: ChartSpec;
  table: DataTable;
  fileName: string;
  download?: (fileName: string, text: string) => void;
}

/**
 * A chart with its accessible name and summary, a "Show table" disclosure with the same numbers, and its
 * CSV. The canvas is an image to assistive technology; the table is the way to read it.
 */
export function ChartFigure({ id, title, summary, spec, table, fileName, download }: ChartFigureProps) {
  const draw = useContext(ChartDraw);
  const host = useRef<HTMLDivElement>(null);
  const [open, setOpen] = useState(false);
  useEffect(() => {
    const element = host.current;
    if (element === null) return;
    return draw(element, spec);
  }, [draw, spec]);
  return (
    <figure class="ld-chart" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{title}</h3>
      <div class="ld-canvas" ref={host} role="img" aria-label={title} aria-describedby={`${id}-summary`} />
      <figcaption id={`${id}-summary`} class="ld-help">
        {summary}
      </figcaption>
      <div class="ld-chart-actions">
        <button
          type="button"
          class="ld-quiet ld-toggle"
          aria-expanded={open}
          aria-controls={`${id}-table`}
          onClick={() => setOpen(!open)}
        >
          {open ? t('reportsHideTable') : t('reportsShowTable')}
          <span class="ld-visually-hidden">{`: ${title}`}</span>
        </button>
        <CsvButton table={table} fileName={fileName} what={title} download={download} />
      </div>
      <div id={`${id}-table`} hidden={!open}>
        {open && <DataTableView table={table} caption={title} />}
      </div>
    </figure>
  );
}
