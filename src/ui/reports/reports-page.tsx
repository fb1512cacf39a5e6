import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { calendarFor } from '../../core/automation-config';
import type { MonthlyCounts } from '../../core/metrics/facts';
import { teamGroups, uniqueNames } from '../../core/team-config';
import { t, uiLanguage } from '../i18n';
import { ReportCards } from './cards';
import { ReportCharts } from './charts-section';
import {
  type ComputedReport,
  type RecurringResult,
  type ReportEngine,
  TARGET_HOURS,
  TREND_OPTIONS,
} from './engine';
import {
  filtersFromHash,
  filtersToHash,
  localDate,
  RANGE_PRESETS,
  type RangePreset,
  type ReportFilters,
  scopeKey,
  scopeOf,
} from './filters';
import { formatCount } from './format';
import { RecurringIssues } from './recurring-section';
import type { PrepareProgress, ReportsData, ReportsSource } from './reports-source';
import { ReportTables } from './tables-section';

export interface ReportsPageProps {
  source: ReportsSource;
  engine: ReportEngine;
  now?: () => number;
  /** The location hash the page opened with (`#range=90d&group=Billing`). */
  hash?: string;
  /** Called with the filters' hash on every change, so a reload or a bookmark restores them. */
  onHash?: (hash: string) => void;
  download?: (fileName: string, text: string) => void;
  /** 'loading' until the first report (or an empty state) is drawn, then 'ready'. */
  onState?: (state: 'loading' | 'ready') => void;
  /** How often 'reports.prepare' is asked again while timelines are being read. */
  pollMs?: number;
}

const reasonOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

const RANGE_LABEL: Record<RangePreset, Parameters<typeof t>[0]> = {
  '7d': 'reportsRange7',
  '30d': 'reportsRange30',
  '90d': 'reportsRange90',
  'this-month': 'reportsRangeThisMonth',
  'last-month': 'reportsRangeLastMonth',
  custom: 'reportsRangeCustom',
};

type Loaded =
  | { state: 'loading' }
  | { state: 'failed'; reason: string }
  | { state: 'ready'; mailbox: string; data: ReportsData; version: number };

/** The groups, agents and tags to filter by: the team's set-up, the mailbox's labels and what the tickets use. */
export function filterChoices(data: ReportsData) {
  const groups = new Set<string>();
  const agents = new Set<string>();
  const tags = new Set<string>();
  for (const ticket of data.facts) {
    if (ticket.group) groups.add(ticket.group);
    if (ticket.assignee) agents.add(ticket.assignee);
    for (const tag of ticket.tags) tags.add(tag);
  }
  const config = data.team.config ?? undefined;
  const sorted = (names: Iterable<string>) => [...names].sort((a, b) => a.localeCompare(b));
  return {
    groups: uniqueNames([...teamGroups(config), ...(data.team.labels?.groups ?? []), ...sorted(groups)]),
    agents: uniqueNames([
      ...(config?.agents.map((agent) => agent.name) ?? []),
      ...(data.team.labels?.assignees ?? []),
      ...sorted(agents),
    ]),
    tags: uniqueNames([
      ...(config?.tags.map((tag) => tag.path) ?? []),
      ...(data.team.labels?.tags ?? []),
      ...sorted(tags),
    ]),
  };
}

function FilterSelect(props: {
  id: string;
  label: string;
  all: string;
  value: string | undefined;
  choices: string[];
  onChange: (value: string | undefined) => void;
}) {
  const choices =
    props.value && !props.choices.includes(props.value) ? [props.value, ...props.choices] : props.choices;
  return (
    <div class="ld-field">
      <label for={props.id}>{props.label}</label>
      <select
        id={props.id}
        value={props.value ?? ''}
        onChange={(event) => props.onChange(event.currentTarget.value || undefined)}
      >
        <option value="">{props.all}</option>
        {choices.map((choice) => (
          <option key={choice} value={choice}>
            {choice}
          </option>
        ))}
      </select>
    </div>
  );
}

/**
 * The reports page: filters (kept in the hash), quality and performance cards, charts with their tables and
 * CSV, the detail tables and the recurring issues, computed in this browser from its store. Computing waits
 * a tick after a filter changes, so the control answers at once; each filter's result is kept until the
 * data changes.
 */
export function ReportsPage(props: ReportsPageProps) {
  const { source, engine, now = Date.now, download, onState, pollMs = 5_000 } = props;
  const [filters, setFilters] = useState<ReportFilters>(() => filtersFromHash(props.hash ?? ''));
  const [mailboxes, setMailboxes] = useState<string[] | null>(null);
  const [mailboxError, setMailboxError] = useState<string | null>(null);
  const [loaded, setLoaded] = useState<Loaded>({ state: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const [reload, setReload] = useState(0);
  const [progress, setProgress] = useState<PrepareProgress | null>(null);
  const [monthly, setMonthly] = useState<MonthlyCounts[]>([]);
  const [computed, setComputed] = useState<{ key: string; result: ComputedReport } | null>(null);
  const [computeError, setComputeError] = useState<string | null>(null);
  const cache = useRef<{ data: ReportsData | null; results: Map<string, ComputedReport> }>({
    data: null,
    results: new Map(),
  });

  const update = (change: Partial<ReportFilters>) => {
    const next = { ...filters, ...change };
    for (const key of Object.keys(change) as (keyof ReportFilters)[]) {
      if (change[key] === undefined) delete next[key];
    }
    setFilters(next);
  };

  useEffect(() => {
    props.onHash?.(filtersToHash(filters));
  }, [filters]);

  // A bookmark opened in this tab, or the back button: the hash changes without a reload.
  useEffect(() => {
    const follow = () => setFilters(filtersFromHash(location.hash));
    addEventListener('hashchange', follow);
    return () => removeEventListener('hashchange', follow);
  }, []);

  useEffect(() => {
    let live = true;
    setMailboxError(null);
    source.mailboxes().then(
      (list) => live && setMailboxes(list),
      (error: unknown) => live && setMailboxError(reasonOf(error)),
    );
    return () => {
      live = false;
    };
  }, [source, attempt]);

  const mailbox =
    mailboxes === null
      ? undefined
      : filters.mailbox !== undefined && mailboxes.includes(filters.mailbox)
        ? filters.mailbox
        : mailboxes[0];

  useEffect(() => {
    if (mailbox === undefined) return;
    let live = true;
    // A reload after more timelines were read keeps the report on screen until the new one is ready.
    if (reload === 0) setLoaded({ state: 'loading' });
    Promise.all([source.load(mailbox), source.getMonthly(mailbox).catch(() => [])]).then(
      ([data, counts]) => {
        if (!live) return;
        setMonthly(counts);
        setLoaded({ state: 'ready', mailbox, data, version: reload });
      },
      (error: unknown) => live && setLoaded({ state: 'failed', reason: reasonOf(error) }),
    );
    return () => {
      live = false;
    };
  }, [source, mailbox, attempt, reload]);

  // Timelines: asked once the first data is in (the service worker's counts then never hold up the page's
  // read of the same database) and every few seconds while some are still to read; the data is read again
  // each time the count moves, and once more when it reaches none.
  const loadedMailbox = loaded.state === 'ready' ? loaded.mailbox : undefined;
  useEffect(() => {
    if (mailbox === undefined || loadedMailbox !== mailbox) return;
    let live = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let last: number | undefined;
    const ask = () => {
      source.prepare(mailbox).then(
        (answer) => {
          if (!live) return;
          setProgress(answer);
          if (last !== undefined && answer.pending !== last) setReload((n) => n + 1);
          last = answer.pending;
          if (answer.pending > 0) timer = setTimeout(ask, pollMs);
        },
        // The report still draws from what the store has; the progress line just stays away.
        () => live && setProgress(null),
      );
    };
    ask();
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [source, mailbox, loadedMailbox, pollMs]);

  const data = loaded.state === 'ready' ? loaded.data : null;
  const timeZone = data ? calendarFor(data.settings, undefined).timeZone : 'UTC';
  const scope = useMemo(() => (data ? scopeOf(filters, now(), timeZone) : null), [data, filters, timeZone]);
  const key = scope ? `${scopeKey(scope)}\u0000${JSON.stringify(monthly)}` : null;
  const choices = useMemo(() => (data ? filterChoices(data) : { groups: [], agents: [], tags: [] }), [data]);

  useEffect(() => {
    if (data === null || scope === null || key === null) return;
    if (cache.current.data !== data) cache.current = { data, results: new Map() };
    const hit = cache.current.results.get(key);
    if (hit !== undefined) {
      setComputed({ key, result: hit });
      return;
    }
    // A tick later: the changed control paints first; a newer filter cancels this one.
    const timer = setTimeout(() => {
      try {
        const at = now();
        const options = {
          now: at,
          targetsHours: TARGET_HOURS,
          calendarFor: (group: string | undefined) => calendarFor(data.settings, group),
          monthly,
        };
        const result: ComputedReport = {
          report: engine.computeReport(data.facts, data.csat, scope, options),
          at,
        };
        cache.current.results.set(key, result);
        setComputeError(null);
        setComputed({ key, result });
      } catch (error) {
        setComputeError(reasonOf(error));
      }
    }, 0);
    return () => clearTimeout(timer);
  }, [data, key]);

  // The recurring issues: after the report has been painted, so the cards and charts never wait for them.
  useEffect(() => {
    if (data === null || scope === null || computed === null || computed.key !== key) return;
    const { result } = computed;
    if (result.recurring !== undefined) return;
    const timer = setTimeout(() => {
      try {
        const recurring: RecurringResult = {
          trends: engine.tagTrends(data.facts, scope, result.at, TREND_OPTIONS),
          complaints: engine.repeatedComplaints(data.facts, data.csat, scope),
          suggestions: engine.suggestTags(data.facts, scope),
        };
        const done = { ...result, recurring };
        if (cache.current.data === data) cache.current.results.set(computed.key, done);
        setComputed({ key: computed.key, result: done });
      } catch (error) {
        setComputeError(reasonOf(error));
      }
    }, 0);
    return () => clearTimeout(timer);
  }, [computed]);

  const current = computed?.result ?? null;
  const stale = computed !== null && computed.key !== key;
  const noMailbox = mailboxes !== null && mailboxes.length === 0;
  const invalidRange = data !== null && scope === null;
  const settled =
    current !== null || noMailbox || invalidRange || mailboxError !== null || loaded.state === 'failed';
  useEffect(() => {
    onState?.(settled ? 'ready' : 'loading');
  }, [settled, current]);

  const from = scope ? localDate(scope.from, timeZone) : '';
  const to = scope ? localDate(scope.to - 1, timeZone) : '';
  const rangeText = scope
    ? t('reportsRangeShown', [
        new Intl.DateTimeFormat(uiLanguage(), { dateStyle: 'medium', timeZone }).formatRange(
          scope.from,
          scope.to - 1,
        ),
        timeZone,
      ])
    : '';
  const partial = current?.report.partial ?? 0;
  const reading = progress !== null && progress.pending > 0;

  return (
    <div class="ld-reports" aria-busy={!settled || stale}>
      <header class="ld-report-head">
        <h1>{t('reportsTitle')}</h1>
        <div class="ld-head-actions ld-no-print">
          {mailboxes !== null && mailboxes.length > 1 && (
            <div class="ld-field">
              <label for="ld-report-mailbox">{t('reportsMailbox')}</label>
              <select
                id="ld-report-mailbox"
                value={mailbox}
                onChange={(event) => {
                  setComputed(null);
                  setProgress(null);
                  setReload(0);
                  update({
                    mailbox: event.currentTarget.value,
                    group: undefined,
                    agent: undefined,
                    tag: undefined,
                  });
                }}
              >
                {mailboxes.map((name) => (
                  <option key={name} value={name}>
                    {name}
                  </option>
                ))}
              </select>
            </div>
          )}
          {mailboxes?.length === 1 && <p class="ld-help">{mailbox}</p>}
          <button type="button" class="ld-quiet" onClick={() => globalThis.print?.()}>
            {t('reportsPrint')}
          </button>
        </div>
      </header>

      <form
        class="ld-filters ld-no-print"
        aria-label={t('reportsFilters')}
        onSubmit={(event) => event.preventDefault()}
      >
        <div class="ld-field">
          <label for="ld-report-range">{t('reportsRange')}</label>
          <select
            id="ld-report-range"
            value={filters.range}
            onChange={(event) => {
              const range = event.currentTarget.value as RangePreset;
              // A custom range starts from the range on screen, so only one end needs typing.
              if (range === 'custom' && scope) update({ range, from, to });
              else update({ range });
            }}
          >
            {RANGE_PRESETS.map((preset) => (
              <option key={preset} value={preset}>
                {t(RANGE_LABEL[preset])}
              </option>
            ))}
          </select>
        </div>
        {filters.range === 'custom' && (
          <>
            <div class="ld-field">
              <label for="ld-report-from">{t('reportsFrom')}</label>
              <input
                id="ld-report-from"
                type="date"
                value={filters.from ?? ''}
                onChange={(event) => update({ from: event.currentTarget.value || undefined })}
              />
            </div>
            <div class="ld-field">
              <label for="ld-report-to">{t('reportsTo')}</label>
              <input
                id="ld-report-to"
                type="date"
                value={filters.to ?? ''}
                onChange={(event) => update({ to: event.currentTarget.value || undefined })}
              />
            </div>
          </>
        )}
        <FilterSelect
          id="ld-report-group"
          label={t('reportsGroup')}
          all={t('reportsAllGroups')}
          value={filters.group}
          choices={choices.groups}
          onChange={(group) => update({ group })}
        />
        <FilterSelect
          id="ld-report-agent"
          label={t('reportsAgent')}
          all={t('reportsAllAgents')}
          value={filters.agent}
          choices={choices.agents}
          onChange={(agent) => update({ agent })}
        />
        <FilterSelect
          id="ld-report-tag"
          label={t('reportsTag')}
          all={t('reportsAllTags')}
          value={filters.tag}
          choices={choices.tags}
          onChange={(tag) => update({ tag })}
        />
        <fieldset class="ld-hours">
          <legend>{t('reportsHours')}</legend>
          <label>
            <input
              type="radio"
              name="ld-report-hours"
              value="clock"
              checked={filters.hours === 'clock'}
              onChange={() => update({ hours: 'clock' })}
            />
            {t('reportsClockHours')}
          </label>
          <label>
            <input
              type="radio"
              name="ld-report-hours"
              value="business"
              checked={filters.hours === 'business'}
              onChange={() => update({ hours: 'business' })}
            />
            {t('reportsBusinessHours')}
          </label>
        </fieldset>
      </form>

      <div role="status" class="ld-report-status">
        {rangeText && <p class="ld-range-shown">{rangeText}</p>}
        {reading && progress && (
          <p class="ld-progress">
            {t('reportsReadingHistory', [
              formatCount(progress.total - progress.pending),
              formatCount(progress.total),
            ])}
          </p>
        )}
        {current && (reading || partial > 0) && <p class="ld-notice ld-partial">{tPartial(partial)}</p>}
        {(stale || (data !== null && scope !== null && current === null && computeError === null)) && (
          <p class="ld-help">{t('reportsComputing')}</p>
        )}
        {loaded.state === 'loading' && mailboxError === null && !noMailbox && (
          <p class="ld-help">{t('reportsLoading')}</p>
        )}
      </div>

      {mailboxError !== null && (
        <div role="alert" class="ld-alert">
          <p>{t('reportsMailboxesFailed', mailboxError)}</p>
          <button type="button" onClick={() => setAttempt((n) => n + 1)}>
            {t('reportsRetry')}
          </button>
        </div>
      )}
      {noMailbox && <p class="ld-notice">{t('reportsNoMailbox')}</p>}
      {loaded.state === 'failed' && (
        <div role="alert" class="ld-alert">
          <p>{t('reportsLoadFailed', loaded.reason)}</p>
          <button type="button" onClick={() => setAttempt((n) => n + 1)}>
            {t('reportsRetry')}
          </button>
        </div>
      )}
      {computeError !== null && (
        <div role="alert" class="ld-alert">
          <p>{t('reportsComputeFailed', computeError)}</p>
        </div>
      )}
      {invalidRange && <p class="ld-notice">{t('reportsChooseDates')}</p>}

      {current !== null && mailbox !== undefined && scope !== null && (
        <div class="ld-report-body">
          {current.report.tickets === 0 && <p class="ld-empty">{t('reportsEmpty')}</p>}
          <ReportCards report={current.report} hours={filters.hours} />
          {current.report.tickets > 0 && (
            <>
              <ReportCharts
                report={current.report}
                hours={filters.hours}
                from={from}
                to={to}
                download={download}
              />
              <ReportTables
                report={current.report}
                hours={filters.hours}
                mailbox={mailbox}
                from={from}
                to={to}
                monthly={monthly}
                download={download}
                onMonthly={(counts) => {
                  setMonthly(counts);
                  source.setMonthly(mailbox, counts).catch(() => undefined);
                }}
              />
            </>
          )}
          {current.recurring ? (
            <RecurringIssues
              trends={current.recurring.trends}
              complaints={current.recurring.complaints}
              suggestions={current.recurring.suggestions}
              options={TREND_OPTIONS}
              mailbox={mailbox}
              from={from}
              to={to}
              download={download}
            />
          ) : (
            <section class="ld-recurring" aria-labelledby="ld-recurring-title" aria-busy="true">
              <h2 id="ld-recurring-title">{t('reportsRecurring')}</h2>
              <p class="ld-help">{computeError === null ? t('reportsComputing') : ''}</p>
            </section>
          )}
        </div>
      )}
    </div>
  );
}

function tPartial(partial: number): string {
  return partial > 0 ? t('reportsPartial', formatCount(partial)) : t('reportsPartialReading');
}
