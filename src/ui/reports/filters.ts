/**
 * The reports page's filters and the location hash that keeps them, so a reload or a bookmark opens the
 * same report: `#range=custom&from=2026-10-01&to=2026-10-31&group=Billing&hours=business`.
 */
import { TZDate } from '@date-fns/tz';
import { addDays, addMonths, startOfDay, startOfMonth } from 'date-fns';
import type { ReportScope } from '../../core/metrics/facts';

export const RANGE_PRESETS = ['7d', '30d', '90d', 'this-month', 'last-month', 'custom'] as const;
export type RangePreset = (typeof RANGE_PRESETS)[number];
export type HoursMode = 'clock' | 'business';

export interface ReportFilters {
  mailbox?: string;
  range: RangePreset;
  /** Custom range, local dates in the team's zone, both days included. */
  from?: string;
  to?: string;
  group?: string;
  agent?: string;
  tag?: string;
  hours: HoursMode;
}

export const DEFAULT_FILTERS: ReportFilters = { range: '30d', hours: 'clock' };

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const validDate = (value: string | null): string | undefined =>
  value !== null && DATE.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) ? value : undefined;
const text = (value: string | null): string | undefined =>
  value === null || value === '' || value.length > 400 ? undefined : value;

/** The filters as a hash, only what differs from the defaults, in a fixed order. */
export function filtersToHash(filters: ReportFilters): string {
  const params = new URLSearchParams();
  if (filters.mailbox) params.set('mailbox', filters.mailbox);
  if (filters.range !== DEFAULT_FILTERS.range) params.set('range', filters.range);
  if (filters.range === 'custom') {
    if (filters.from) params.set('from', filters.from);
    if (filters.to) params.set('to', filters.to);
  }
  if (filters.group) params.set('group', filters.group);
  if (filters.agent) params.set('agent', filters.agent);
  if (filters.tag) params.set('tag', filters.tag);
  if (filters.hours !== DEFAULT_FILTERS.hours) params.set('hours', filters.hours);
  const query = params.toString();
  return query === '' ? '' : `#${query}`;
}

/** The filters a hash says; anything unknown or malformed falls back to the default. */
export function filtersFromHash(hash: string): ReportFilters {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const range = params.get('range');
  const filters: ReportFilters = {
    range: (RANGE_PRESETS as readonly string[]).includes(range ?? '')
      ? (range as RangePreset)
      : DEFAULT_FILTERS.range,
    hours: params.get('hours') === 'business' ? 'business' : 'clock',
  };
  const optional = {
    mailbox: text(params.get('mailbox')),
    from: filters.range === 'custom' ? validDate(params.get('from')) : undefined,
    to: filters.range === 'custom' ? validDate(params.get('to')) : undefined,
    group: text(params.get('group')),
    agent: text(params.get('agent')),
    tag: text(params.get('tag')),
  };
  for (const [key, value] of Object.entries(optional)) {
    if (value !== undefined) (filters as unknown as Record<string, string>)[key] = value;
  }
  return filters;
}

/** `2026-11-23` for a moment, in the zone. */
export function localDate(at: number, timeZone: string): string {
  const day = new TZDate(at, timeZone);
  return `${day.getFullYear()}-${String(day.getMonth() + 1).padStart(2, '0')}-${String(day.getDate()).padStart(2, '0')}`;
}

function dayStart(date: string, timeZone: string): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new TZDate(y, m - 1, d, timeZone).getTime();
}

/**
 * The range's [from, to) in the team's zone: "7 days" is today and the six days before it; months are
 * calendar months. A custom range missing an end, or backwards, is none (the page asks for dates).
 */
export function rangeOf(
  filters: ReportFilters,
  now: number,
  timeZone: string,
): { from: number; to: number } | null {
  const today = startOfDay(new TZDate(now, timeZone));
  const tomorrow = addDays(today, 1).getTime();
  switch (filters.range) {
    case '7d':
      return { from: addDays(today, -6).getTime(), to: tomorrow };
    case '30d':
      return { from: addDays(today, -29).getTime(), to: tomorrow };
    case '90d':
      return { from: addDays(today, -89).getTime(), to: tomorrow };
    case 'this-month':
      return { from: startOfMonth(today).getTime(), to: tomorrow };
    case 'last-month': {
      const first = startOfMonth(today);
      return { from: addMonths(first, -1).getTime(), to: first.getTime() };
    }
    case 'custom': {
      if (filters.from === undefined || filters.to === undefined || filters.to < filters.from) return null;
      const end = addDays(new TZDate(dayStart(filters.to, timeZone), timeZone), 1).getTime();
      return { from: dayStart(filters.from, timeZone), to: end };
    }
  }
}

export function scopeOf(filters: ReportFilters, now: number, timeZone: string): ReportScope | null {
  const range = rangeOf(filters, now, timeZone);
  if (range === null) return null;
  const scope: ReportScope = { ...range, timeZone };
  if (filters.group) scope.group = filters.group;
  if (filters.agent) scope.agent = filters.agent;
  if (filters.tag) scope.tag = filters.tag;
  return scope;
}

/** A key for caching a computed report: the scope, which the hours switch does not change. */
export const scopeKey = (scope: ReportScope) =>
  [scope.from, scope.to, scope.timeZone, scope.group ?? '', scope.agent ?? '', scope.tag ?? ''].join(
    '\u0000',
  );
