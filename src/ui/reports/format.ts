/** Numbers, shares and durations the way the UI language writes them; null ("no data") is a dash. */
import { uiLanguage } from '../i18n';

export const NO_DATA = '—';
const HOUR = 3_600_000;

const formats = new Map<string, Intl.NumberFormat>();
function numberFormat(options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = JSON.stringify(options);
  let format = formats.get(key);
  if (format === undefined) {
    format = new Intl.NumberFormat(uiLanguage(), options);
    formats.set(key, format);
  }
  return format;
}

export function formatCount(value: number | null): string {
  return value === null ? NO_DATA : numberFormat({ maximumFractionDigits: 2 }).format(value);
}

export function formatShare(share: number | null): string {
  return share === null
    ? NO_DATA
    : numberFormat({ style: 'percent', maximumFractionDigits: 1 }).format(share);
}

/** "45 min", "3.5 hr", "2.3 days": minutes under an hour, hours under two days, then days. */
export function formatDuration(ms: number | null): string {
  if (ms === null) return NO_DATA;
  const unit = (name: 'minute' | 'hour' | 'day', value: number, digits: number) =>
    numberFormat({ style: 'unit', unit: name, unitDisplay: 'short', maximumFractionDigits: digits }).format(
      value,
    );
  if (ms < HOUR) return unit('minute', Math.round(ms / 60_000), 0);
  if (ms < 48 * HOUR) return unit('hour', ms / HOUR, 1);
  return unit('day', ms / (24 * HOUR), 1);
}

/** Hours with two decimals, for tables and CSV (a spreadsheet sums numbers, not "3.5 hr"). */
export const hoursOf = (ms: number | null): number | null =>
  ms === null ? null : Math.round((ms / HOUR) * 100) / 100;
