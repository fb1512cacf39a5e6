/**
 * The queue panel, shown in the sidebar while Gmail shows a list: a switcher over every queue with its count,
 * the chosen queue's rows a page at a time, and a search over subject, requester and reference.
 *
 * The first page is requested at once and painted as soon as it answers, without waiting for the counts;
 * the panel never reads a whole queue (one may hold 100,000 tickets), only the pages the agent asked for.
 */

import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { QueueIdArgs, TicketRow } from '../../messaging/contract';
import type { DeskActions } from '../actions';
import type { Connector } from '../connector';
import { useDomId } from '../dom-id';
import { t, tn, uiLanguage } from '../i18n';
import { compareQueues, emptyQueueText, queueIdKey, queueLabel, sameQueue } from './queue-labels';
import { QueueList } from './queue-list';
import { type QueueMemory, type QueueNavigator, tabQueueMemory } from './queue-navigator';

export interface QueuePanelProps {
  connector: Connector;
  actions: DeskActions;
  /** This browser's agent (the options page's "I am"); empty hides "Mine". */
  me: string;
  /** The clock for SLA due times (tests pass a fixed one). */
  now?: () => number;
  /** Receives the thread ids shown, for "next ticket" and "previous ticket". */
  navigator?: QueueNavigator;
  /** Where the chosen queue is kept between mounts; the tab's memory by default. */
  memory?: QueueMemory;
  pageSize?: number;
  /** Focus the first row once the first page has painted (the "open queue" shortcut pressed on a thread). */
  focusOnLoad?: boolean;
}

/** A queue in the switcher; `count` is missing until `queue.counts` answers. */
interface QueueEntry {
  queue: QueueIdArgs;
  count?: number;
}

type PageState =
  | { state: 'loading' }
  | { state: 'loaded'; rows: TicketRow[]; total: number; loadingMore: boolean }
  | { state: 'failed'; message: string };

type SearchState =
  | { state: 'idle' }
  | { state: 'loading' }
  | { state: 'loaded'; rows: TicketRow[] }
  | { state: 'failed'; message: string };

const SEARCH_DEBOUNCE_MS = 150;
const SEARCH_LIMIT = 50;
const MAX_READ = 500;
const NO_ROWS: readonly TicketRow[] = [];

export function QueuePanel({
  connector,
  actions,
  me,
  now = Date.now,
  navigator,
  memory = tabQueueMemory,
  pageSize = 50,
  focusOnLoad = false,
}: QueuePanelProps) {
  const headingId = useDomId();
  const rootRef = useRef<HTMLElement>(null);
  const [counts, setCounts] = useState<{ queue: QueueIdArgs; count: number }[] | undefined>();
  // False until this browser's first sync of the mailbox has finished: an empty queue then means "not yet".
  const [synced, setSynced] = useState(true);
  const [chosen, setChosen] = useState<QueueIdArgs>(() => initialQueue(memory.get(connector.mailbox), me));
  const [page, setPage] = useState<PageState>({ state: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const [query, setQuery] = useState('');
  const [search, setSearch] = useState<SearchState>({ state: 'idle' });
  const [revision, setRevision] = useState(0);

  // Answers for an older queue (or after unmount) are dropped: each read carries the generation it started in.
  const generation = useRef(0);
  const pageRef = useRef(page);
  pageRef.current = page;
  const chosenKey = queueIdKey(chosen);

  const choose = (queue: QueueIdArgs) => {
    memory.set(connector.mailbox, queue);
    setChosen(queue);
  };

  const mounted = useRef(true);
  useEffect(
    () => () => {
      mounted.current = false;
      generation.current++;
    },
    [],
  );

  const loadCounts = useCallback(() => {
    connector.call('queue.counts', {}).then(
      (result) => {
        if (!mounted.current) return;
        setCounts(result.queues);
        setSynced(result.synced !== false);
      },
      () => {
        // The switcher still lists the fixed queues; counts come back with the next store event.
      },
    );
  }, [connector]);
  useEffect(loadCounts, [loadCounts]);

  // The chosen queue's first page, painted as soon as it answers.
  // Keyed by chosenKey, not the object: the same queue chosen again is not read again; attempt retries.
  // A layout effect starts the read right after the first render instead of after the next paint.
  useLayoutEffect(() => {
    const mine = ++generation.current;
    setPage({ state: 'loading' });
    connector.call('queue.read', { queue: chosen, offset: 0, limit: pageSize }).then(
      (result) => {
        if (mine === generation.current)
          setPage({ state: 'loaded', rows: result.rows, total: result.total, loadingMore: false });
      },
      (error: unknown) => {
        if (mine === generation.current) setPage({ state: 'failed', message: errorMessage(error) });
      },
    );
  }, [connector, chosenKey, pageSize, attempt]);

  const showMore = useCallback(() => {
    const current = pageRef.current;
    if (current.state !== 'loaded' || current.loadingMore || current.rows.length >= current.total) return;
    const mine = generation.current;
    setPage({ ...current, loadingMore: true });
    connector.call('queue.read', { queue: chosen, offset: current.rows.length, limit: pageSize }).then(
      (result) => {
        if (mine !== generation.current) return;
        setPage((before) => {
          if (before.state !== 'loaded') return before;
          // A store change between two pages can shift a row onto the next page too: show it once.
          const seen = new Set(before.rows.map((row) => row.threadId));
          const added = result.rows.filter((row) => !seen.has(row.threadId));
          return {
            state: 'loaded',
            rows: [...before.rows, ...added],
            total: result.total,
            loadingMore: false,
          };
        });
      },
      (error: unknown) => {
        if (mine === generation.current) setPage({ state: 'failed', message: errorMessage(error) });
      },
    );
  }, [connector, chosen, pageSize]);

  // Store events: re-read the counts and the rows on screen (one refresh at a time; events meanwhile fold
  // into one more).
  useEffect(() => {
    let running = false;
    let again = false;
    const refresh = async (): Promise<void> => {
      if (running) {
        again = true;
        return;
      }
      running = true;
      try {
        do {
          again = false;
          loadCounts();
          setRevision((n) => n + 1);
          const current = pageRef.current;
          if (current.state !== 'loaded') continue;
          const mine = generation.current;
          try {
            const fresh = await readShown(connector, chosen, Math.max(pageSize, current.rows.length));
            if (mine === generation.current) setPage({ state: 'loaded', ...fresh, loadingMore: false });
          } catch {
            // Keep the rows shown; the next event tries again.
          }
        } while (again && mounted.current);
      } finally {
        running = false;
      }
    };
    return connector.subscribe(() => void refresh());
  }, [connector, chosen, pageSize, loadCounts]);

  // Search, debounced so each key press does not cost a store scan.
  // `revision` re-runs the search after a store event.
  useEffect(() => {
    const text = query.trim().slice(0, 200);
    if (text === '') {
      setSearch({ state: 'idle' });
      return;
    }
    let current = true;
    const timer = setTimeout(() => {
      setSearch((before) => (before.state === 'loaded' ? before : { state: 'loading' }));
      connector.call('queue.search', { text, limit: SEARCH_LIMIT }).then(
        (result) => current && setSearch({ state: 'loaded', rows: result.rows }),
        (error: unknown) => current && setSearch({ state: 'failed', message: errorMessage(error) }),
      );
    }, SEARCH_DEBOUNCE_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [connector, query, revision]);

  const searching = query.trim() !== '';
  const shownRows: readonly TicketRow[] = searching
    ? search.state === 'loaded'
      ? search.rows
      : NO_ROWS
    : page.state === 'loaded'
      ? page.rows
      : NO_ROWS;

  useEffect(() => {
    navigator?.setList(shownRows.map((row) => row.threadId));
  }, [navigator, shownRows]);

  const focusPending = useRef(focusOnLoad);
  useEffect(() => {
    if (!focusPending.current || page.state === 'loading') return;
    focusPending.current = false;
    focusQueue(rootRef.current);
  }, [page]);

  // "Open queue" from the keyboard: focus the first row, or the chosen queue when the list is empty.
  useEffect(
    () =>
      actions.listen((action) => {
        if (action.kind === 'open-queue') focusQueue(rootRef.current);
      }),
    [actions],
  );

  // SLA due times are relative ("in 5 minutes"): say them again every minute.
  const [, setMinute] = useState(0);
  useEffect(() => {
    const timer = setInterval(() => setMinute((n) => n + 1), 60_000);
    return () => clearInterval(timer);
  }, []);

  const entries = useMemo(() => switcherEntries(counts, me), [counts, me]);
  const nowMs = now();

  return (
    <section class="queue-panel" ref={rootRef} aria-labelledby={headingId}>
      <h3 id={headingId} class="queue-heading">
        {t('queueTitle')}
      </h3>
      <input
        type="search"
        class="queue-search"
        aria-label={t('queueSearchLabel')}
        placeholder={t('queueSearchLabel')}
        autocomplete="off"
        spellcheck={false}
        maxLength={200}
        value={query}
        onInput={(event) => setQuery(event.currentTarget.value)}
        onKeyDown={(event) => {
          if (event.key !== 'Escape' || query === '') return;
          event.preventDefault();
          event.stopPropagation();
          setQuery('');
        }}
      />
      {!searching && <QueueSwitcher entries={entries} chosen={chosen} onChoose={choose} />}
      {searching ? (
        <SearchResults
          search={search}
          now={nowMs}
          onOpen={connector.openThread.bind(connector)}
          onRetry={() => setRevision((n) => n + 1)}
        />
      ) : (
        <QueueRows
          queue={chosen}
          page={page}
          synced={synced}
          now={nowMs}
          onOpen={connector.openThread.bind(connector)}
          onRetry={() => setAttempt((n) => n + 1)}
          onShowMore={showMore}
        />
      )}
    </section>
  );
}

/**
 * The fixed queues as a list; the groups and tags (a team may have dozens) folded under "Groups and tags",
 * open while one of them is the chosen queue.
 */
function QueueSwitcher({
  entries,
  chosen,
  onChoose,
}: {
  entries: readonly QueueEntry[];
  chosen: QueueIdArgs;
  onChoose(queue: QueueIdArgs): void;
}) {
  const isNamed = (queue: QueueIdArgs) => queue.kind === 'group' || queue.kind === 'tag';
  const fixed = entries.filter((entry) => !isNamed(entry.queue));
  const named = entries.filter((entry) => isNamed(entry.queue));
  const list = (items: readonly QueueEntry[], label: string) => (
    <ul class="queue-switcher" aria-label={label}>
      {items.map((entry) => {
        const name = queueLabel(entry.queue);
        return (
          <li key={queueIdKey(entry.queue)}>
            <button
              type="button"
              class="queue-choice"
              aria-current={sameQueue(entry.queue, chosen) ? 'true' : undefined}
              aria-label={entry.count === undefined ? name : tn('queueNamedCount', entry.count, [name])}
              onClick={() => onChoose(entry.queue)}
            >
              <span class="queue-choice-name">{name}</span>
              {/* Keeps "Mine 16" apart in the visible text, which must be part of the name ("Mine, 16 tickets"). */}
              {entry.count !== undefined && ' '}
              {entry.count !== undefined && (
                <span class="queue-choice-count">{formatCount(entry.count)}</span>
              )}
            </button>
          </li>
        );
      })}
    </ul>
  );
  return (
    <>
      {list(fixed, t('queueTitle'))}
      {named.length > 0 && (
        <details class="queue-named" open={isNamed(chosen)}>
          <summary>{t('queueGroupsAndTags')}</summary>
          {list(named, t('queueGroupsAndTags'))}
        </details>
      )}
    </>
  );
}

function QueueRows({
  queue,
  page,
  synced,
  now,
  onOpen,
  onRetry,
  onShowMore,
}: {
  queue: QueueIdArgs;
  page: PageState;
  synced: boolean;
  now: number;
  onOpen(threadId: string): void;
  onRetry(): void;
  onShowMore(): void;
}) {
  if (page.state === 'loading') {
    return (
      <p class="queue-note" role="status">
        {t('queueLoading')}
      </p>
    );
  }
  if (page.state === 'failed') return <LoadFailed message={page.message} onRetry={onRetry} />;
  if (page.rows.length === 0) {
    return (
      <p class="queue-note queue-empty" role="status">
        {synced ? emptyQueueText(queue) : t('queueFirstSync')}
      </p>
    );
  }
  const more = page.rows.length < page.total;
  return (
    <>
      <QueueList rows={page.rows} label={t('queueListLabel', queueLabel(queue))} now={now} onOpen={onOpen} />
      <p class="queue-note queue-showing" role="status">
        {t('queueShowing', [formatCount(page.rows.length), formatCount(page.total)])}
      </p>
      {more && <MoreSentinel loading={page.loadingMore} onShowMore={onShowMore} />}
    </>
  );
}

/** "Show more", which also fires by itself when scrolled into view (where IntersectionObserver exists). */
function MoreSentinel({ loading, onShowMore }: { loading: boolean; onShowMore(): void }) {
  const ref = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    const button = ref.current;
    if (!button || typeof IntersectionObserver === 'undefined') return;
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((entry) => entry.isIntersecting)) onShowMore();
    });
    observer.observe(button);
    return () => observer.disconnect();
  }, [onShowMore]);
  return (
    <button type="button" ref={ref} class="queue-more" aria-busy={loading} onClick={onShowMore}>
      {loading ? t('queueLoading') : t('queueShowMore')}
    </button>
  );
}

function SearchResults({
  search,
  now,
  onOpen,
  onRetry,
}: {
  search: SearchState;
  now: number;
  onOpen(threadId: string): void;
  onRetry(): void;
}) {
  if (search.state === 'idle' || search.state === 'loading') {
    return (
      <p class="queue-note" role="status">
        {t('queueLoading')}
      </p>
    );
  }
  if (search.state === 'failed') return <LoadFailed message={search.message} onRetry={onRetry} />;
  if (search.rows.length === 0) {
    return (
      <p class="queue-note queue-empty" role="status">
        {t('queueEmptySearch')}
      </p>
    );
  }
  const found = tn('queueSearchFound', search.rows.length);
  return (
    <>
      <p class="queue-note" role="status">
        {found}
      </p>
      <QueueList rows={search.rows} label={found} now={now} onOpen={onOpen} />
    </>
  );
}

function LoadFailed({ message, onRetry }: { message: string; onRetry(): void }) {
  return (
    <div class="queue-error" role="alert">
      <p>{t('queueLoadFailed', message)}</p>
      <button type="button" onClick={onRetry}>
        {t('actionRetry')}
      </button>
    </div>
  );
}

/** The first row, or the chosen queue's button when the list is empty or failed. */
function focusQueue(root: HTMLElement | null): void {
  const target =
    root?.querySelector<HTMLElement>('.queue-row') ??
    root?.querySelector<HTMLElement>('.queue-choice[aria-current="true"]');
  target?.focus();
}

function initialQueue(remembered: QueueIdArgs | undefined, me: string): QueueIdArgs {
  if (remembered && (remembered.kind !== 'mine' || (me !== '' && sameQueue(remembered, mine(me))))) {
    return remembered;
  }
  return me === '' ? { kind: 'unassigned' } : mine(me);
}

function mine(agent: string): QueueIdArgs {
  return { kind: 'mine', agent };
}

/** The fixed queues (Mine only with an agent), then the groups and tags the counts name. */
export function switcherEntries(
  counts: readonly { queue: QueueIdArgs; count: number }[] | undefined,
  me: string,
): QueueEntry[] {
  const fixed: QueueIdArgs[] = [
    { kind: 'unassigned' },
    ...(me === '' ? [] : [mine(me)]),
    { kind: 'all-open' },
    { kind: 'pending' },
    { kind: 'on-hold' },
    { kind: 'overdue' },
  ];
  const countOf = (queue: QueueIdArgs) => counts?.find((entry) => sameQueue(entry.queue, queue))?.count;
  const named = (counts ?? [])
    .filter((entry) => entry.queue.kind === 'group' || entry.queue.kind === 'tag')
    .map((entry) => entry.queue)
    .sort(compareQueues);
  return [...fixed, ...named].map((queue) => {
    const count = countOf(queue);
    return count === undefined ? { queue } : { queue, count };
  });
}

/** The first `count` rows of a queue again, in reads of at most 500 (the contract's limit). */
async function readShown(
  connector: Connector,
  queue: QueueIdArgs,
  count: number,
): Promise<{ rows: TicketRow[]; total: number }> {
  const rows: TicketRow[] = [];
  const seen = new Set<string>();
  let total = 0;
  for (let offset = 0; offset < count; offset += MAX_READ) {
    const limit = Math.min(MAX_READ, count - offset);
    const result = await connector.call('queue.read', { queue, offset, limit });
    total = result.total;
    for (const row of result.rows) {
      if (seen.has(row.threadId)) continue;
      seen.add(row.threadId);
      rows.push(row);
    }
    if (result.rows.length < limit) break;
  }
  return { rows, total };
}

function formatCount(count: number): string {
  return new Intl.NumberFormat(uiLanguage()).format(count);
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
