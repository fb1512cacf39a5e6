/**
 * Every chart's and table's numbers as CSV: RFC 4180 (quoted where needed, CRLF lines), UTF-8 with a byte
 * order mark so Excel reads Polish, Russian and Japanese right, and text cells that a spreadsheet would run
 * as a formula (starting with = + - @, tab or carriage return) prefixed with ' (OWASP "CSV injection"):
 * subjects and tags come from mail and are hostile.
 */

export type Cell = string | number | null;

/** A table of numbers as the page shows it and as CSV exports it: one header row, then the rows. */
export interface DataTable {
  columns: string[];
  rows: Cell[][];
}

const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: Cell): string {
  if (value === null) return '';
  // Numbers are written as numbers (a negative one is not a formula); only text is guarded.
  let text = typeof value === 'number' ? (Number.isFinite(value) ? String(value) : '') : value;
  if (typeof value === 'string' && FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function toCsv(table: DataTable): string {
  const lines = [table.columns, ...table.rows].map((row) => row.map(csvCell).join(','));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

/** A file name safe on every system: letters, digits and hyphens, with the date range. */
export function csvFileName(name: string, from: string, to: string): string {
  const slug =
    name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '') || 'report';
  return `labeldesk-${slug}-${from}-${to}.csv`;
}

/** Saves text as a file by Blob and an <a download>: no permission, nothing leaves the browser. */
export function downloadText(fileName: string, text: string, type = 'text/csv;charset=utf-8'): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
  // Revoked a little later: the browser has started the download by then.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
