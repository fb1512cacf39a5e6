/**
 * The reports page's CSS, on top of THEME_CSS: theme variables only, so both themes keep AA contrast. The
 * heat map shades cells between the background and --ld-accent-soft (text stays --ld-fg on both) and
 * always prints the number in the cell. Print hides the controls and keeps rows whole.
 */
export const REPORTS_CSS = `
.labeldesk-root { background: var(--ld-bg); }
.labeldesk-root body { margin: 0; background: var(--ld-bg); color: var(--ld-fg); font: var(--ld-font); }
.ld-reports { box-sizing: border-box; max-width: 1280px; margin: 0 auto; padding: 24px 24px 64px; }
.ld-reports h1 { margin: 0; font-size: 22px; font-weight: 400; }
.ld-reports h2 { margin: 24px 0 12px; font-size: 18px; font-weight: 500; }
.ld-reports h3 { margin: 0 0 8px; font-size: 15px; font-weight: 500; }
.ld-report-head { display: flex; flex-wrap: wrap; align-items: center; justify-content: space-between; gap: 12px; margin-bottom: 12px; }
.ld-head-actions { display: flex; flex-wrap: wrap; align-items: flex-end; gap: 12px; }
.ld-head-actions .ld-help { margin: 0; }
.ld-filters { display: flex; flex-wrap: wrap; align-items: flex-end; gap: 8px 16px; padding: 12px 16px; border: 1px solid var(--ld-border); border-radius: 8px; background: var(--ld-surface); }
.ld-field { display: flex; flex-direction: column; gap: 4px; min-width: 0; }
.ld-field label { font-weight: 500; }
.ld-reports select, .ld-reports input[type='date'], .ld-reports input[type='number'] {
  box-sizing: border-box; min-height: var(--ld-row); padding: 6px 8px; max-width: 260px;
  font: inherit; color: var(--ld-fg); background: var(--ld-bg);
  border: 1px solid var(--ld-border); border-radius: 4px;
}
.ld-reports input[type='number'] { width: 8em; min-height: 0; padding: 2px 6px; }
.ld-hours { display: flex; flex-wrap: wrap; gap: 4px 16px; margin: 0; padding: 4px 12px 8px; border: 1px solid var(--ld-border); border-radius: 8px; }
.ld-hours legend { padding: 0 4px; font-weight: 500; }
.ld-hours label { display: inline-flex; align-items: center; gap: 6px; }
.ld-hours input { accent-color: var(--ld-accent); margin: 0; }
.ld-reports button {
  box-sizing: border-box; display: inline-flex; align-items: center; min-height: var(--ld-row); padding: 6px 16px;
  font: inherit; line-height: 1.4; cursor: pointer; border-radius: 18px;
  color: var(--ld-accent); background: var(--ld-bg); border: 1px solid var(--ld-border);
}
.ld-reports button.ld-quiet { min-height: 32px; padding: 4px 12px; }
.ld-reports :focus-visible { outline: 2px solid var(--ld-focus); outline-offset: 2px; }
.ld-reports a { color: var(--ld-accent); }
.ld-help { margin: 4px 0; color: var(--ld-muted); }
.ld-report-status p { margin: 8px 0; }
.ld-range-shown { font-weight: 500; }
.ld-notice { padding: 8px 12px; border-radius: 8px; background: var(--ld-warning-soft); color: var(--ld-fg); }
.ld-alert { margin: 8px 0; padding: 8px 12px; border-radius: 8px; color: var(--ld-fg); background: var(--ld-danger-soft); border-left: 4px solid var(--ld-danger); }
.ld-alert p { margin: 0 0 8px; }
.ld-empty { margin: 16px 0; padding: 16px; border: 1px dashed var(--ld-border); border-radius: 8px; font-size: 16px; text-align: center; }
.ld-cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(420px, 1fr)); gap: 16px; }
.ld-card-group { padding: 0 16px 12px; border: 1px solid var(--ld-border); border-radius: 8px; background: var(--ld-surface); }
.ld-card-group h2 { margin: 12px 0 8px; }
.ld-card-group dl { display: grid; grid-template-columns: repeat(auto-fill, minmax(180px, 1fr)); gap: 8px; margin: 0; }
.ld-card { padding: 8px 12px; border-radius: 8px; background: var(--ld-bg); border: 1px solid var(--ld-border); break-inside: avoid; }
.ld-card dt { color: var(--ld-muted); font-size: 13px; }
.ld-card dd { margin: 2px 0 0; }
.ld-card-value { display: block; font-size: 20px; font-variant-numeric: tabular-nums; }
.ld-card[data-card='within'] .ld-card-value { font-size: 15px; white-space: pre-line; }
.ld-card-detail { display: block; color: var(--ld-muted); font-size: 13px; }
.ld-chart-grid { display: grid; grid-template-columns: repeat(auto-fit, minmax(560px, 1fr)); gap: 16px; }
.ld-chart { margin: 0; padding: 12px 16px; border: 1px solid var(--ld-border); border-radius: 8px; min-width: 0; break-inside: avoid; }
.ld-canvas { min-height: 220px; width: 100%; overflow: hidden; }
.ld-canvas .u-legend { color: var(--ld-fg); font-size: 13px; }
.ld-chart-actions { display: flex; flex-wrap: wrap; gap: 8px; margin: 4px 0; }
.ld-table-grid { display: grid; grid-template-columns: repeat(auto-fit, minmax(380px, 1fr)); gap: 16px; }
.ld-table-block { margin: 0 0 20px; min-width: 0; }
.ld-table-wrap { overflow-x: auto; max-width: 100%; }
.ld-data { border-collapse: collapse; margin: 0 0 8px; font-variant-numeric: tabular-nums; }
/* The heading above says it; the caption names the table for screen readers. */
.ld-data caption { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
.ld-data th, .ld-data td { padding: 4px 10px 4px 0; text-align: start; border-bottom: 1px solid var(--ld-border); vertical-align: top; }
.ld-data thead th { font-size: 13px; font-weight: 500; color: var(--ld-muted); }
.ld-data tbody th { font-weight: 400; overflow-wrap: anywhere; }
.ld-data .ld-num { text-align: end; }
.ld-data tr { break-inside: avoid; }
.ld-subject { max-width: 420px; overflow-wrap: anywhere; }
.ld-heat td { min-width: 2.5em; padding: 4px 6px; background: color-mix(in srgb, var(--ld-accent-soft) var(--ld-heat, 0%), var(--ld-bg)); }
.ld-heat td.ld-spike { font-weight: 700; outline: 2px solid var(--ld-danger); outline-offset: -2px; }
.ld-heat td.ld-drop { font-weight: 700; outline: 2px dashed var(--ld-warning); outline-offset: -2px; }
.ld-comments { list-style: none; margin: 0 0 8px; padding: 0; display: grid; gap: 8px; }
.ld-comments li { padding: 8px 12px; border-left: 4px solid var(--ld-border); background: var(--ld-surface); border-radius: 4px; break-inside: avoid; }
.ld-comments li.ld-rating-bad { border-left-color: var(--ld-danger); }
.ld-comments li.ld-rating-okay { border-left-color: var(--ld-warning); }
.ld-comments li.ld-rating-good { border-left-color: var(--ld-ok); }
.ld-comments blockquote { margin: 4px 0; white-space: pre-wrap; overflow-wrap: anywhere; }
.ld-rating { font-weight: 500; }
.ld-comment-meta { color: var(--ld-muted); font-size: 13px; }
.ld-alerts, .ld-repeated, .ld-suggested { margin: 0 0 8px; padding-left: 20px; }
.ld-alerts li, .ld-repeated li, .ld-suggested li { margin: 0 0 6px; break-inside: avoid; }
.ld-spike strong { color: var(--ld-danger); }
.ld-drop strong { color: var(--ld-warning); }
.ld-visually-hidden { position: absolute; width: 1px; height: 1px; margin: -1px; padding: 0; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; border: 0; }
@media print {
  .ld-no-print, .ld-filters, .ld-reports button, .ld-chart-actions { display: none !important; }
  .ld-reports { max-width: none; padding: 0; }
  .ld-chart-grid, .ld-table-grid, .ld-cards { display: block; }
  .ld-chart, .ld-card-group, .ld-table-block { margin-bottom: 12px; }
  .ld-table-wrap { overflow: visible; }
  .ld-data thead { display: table-header-group; }
  .ld-data tr, .ld-chart, .ld-card { break-inside: avoid; page-break-inside: avoid; }
  .ld-reports input[type='number'] { border: 0; padding: 0; }
  .ld-reports a { color: var(--ld-fg); text-decoration: none; }
}
`;
