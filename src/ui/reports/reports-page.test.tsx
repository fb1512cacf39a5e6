// @vitest-environment happy-dom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import type { ReportScope } from '../../core/metrics/facts';
import { fixtureData, fixtureEngine } from './report-fixtures';
import { ReportsPage, type ReportsPageProps } from './reports-page';
import { type FakeReportsState, fakeReportsSource } from './reports-source';

const MAILBOX = 'support@shop.example';
// Monday 23 November 2026, 12:00 UTC.
const NOW = Date.UTC(2026, 10, 23, 12, 0);

const settle = () => act(() => new Promise((resolve) => setTimeout(resolve, 0)));

async function waitFor<T>(what: string, read: () => T | null | undefined | false): Promise<T> {
  for (let i = 0; i < 200; i++) {
    const value = read();
    if (value !== null && value !== undefined && value !== false) return value;
    await settle();
  }
  throw new Error(`Timed out waiting for ${what}`);
}

const main = () => document.body.querySelector('main') as HTMLElement;
const text = () => main().textContent ?? '';
const card = (id: string) => main().querySelector(`[data-card="${id}"] .ld-card-value`)?.textContent ?? '';
const select = (id: string) => document.getElementById(id) as HTMLSelectElement;

async function choose(element: HTMLSelectElement | HTMLInputElement, value: string) {
  await act(() => {
    element.value = value;
    element.dispatchEvent(new Event('change', { bubbles: true }));
  });
}

function buttonNamed(name: string): HTMLButtonElement {
  const button = [...main().querySelectorAll('button')].find(
    (b) => (b.getAttribute('aria-label') ?? b.textContent ?? '').trim() === name,
  );
  if (button === undefined) throw new Error(`no button ${name}`);
  return button;
}

function setUp(
  options: {
    state?: Partial<FakeReportsState>;
    props?: Partial<ReportsPageProps>;
    tickets?: (scope: ReportScope) => number;
  } = {},
) {
  const source = fakeReportsSource({
    mailboxes: [MAILBOX],
    data: { [MAILBOX]: fixtureData([{ group: 'Returns', assignee: 'Bo', tags: ['Billing/Invoice data'] }]) },
    ...options.state,
  });
  const engine = fixtureEngine(options.tickets);
  const hashes: string[] = [];
  const states: string[] = [];
  const downloads: { fileName: string; text: string }[] = [];
  const container = document.createElement('main');
  document.body.append(container);
  render(
    <ReportsPage
      source={source}
      engine={engine}
      now={() => NOW}
      onHash={(hash) => hashes.push(hash)}
      onState={(state) => states.push(state)}
      download={(fileName, text) => downloads.push({ fileName, text })}
      pollMs={1}
      {...options.props}
    />,
    container,
  );
  return { source, engine, hashes, states, downloads };
}

afterEach(() => {
  for (const element of document.body.querySelectorAll('main')) {
    render(null, element);
    element.remove();
  }
});

describe('the reports page', () => {
  it('draws the first report, then says it is ready', async () => {
    const { states, engine } = setUp();
    await waitFor('the report', () => card('tickets') === '12');
    await waitFor('ready', () => states.at(-1) === 'ready');
    expect(states[0]).toBe('loading');
    // 30 days to the end of today in the team zone (UTC for default settings).
    expect(engine.scopes[0]).toEqual({
      from: Date.UTC(2026, 9, 25),
      to: Date.UTC(2026, 10, 24),
      timeZone: 'UTC',
    });
    expect(card('csat')).toBe('60%');
    expect(card('reopen')).toBe('12.5%');
    expect(card('first-response')).toBe('2 hr');
    expect(card('backlog')).toBe('4');
    expect(text()).toContain('reportsRangeShown');
    // Quality and performance side by side, each a named region.
    expect(main().querySelector('[aria-labelledby="ld-quality-title"] h2')?.textContent).toBe(
      'reportsQuality',
    );
  });

  it('switches the durations between clock and business hours', async () => {
    setUp();
    await waitFor('the report', () => card('first-response') === '2 hr');
    const business = main().querySelector<HTMLInputElement>('input[value="business"]');
    await act(() => business?.click());
    await waitFor('business hours', () => card('first-response') === '1 hr');
  });

  it('keeps the filters in the hash and computes the filtered report', async () => {
    const { hashes, engine } = setUp({ tickets: (scope) => (scope.group === 'Billing' ? 3 : 12) });
    await waitFor('the report', () => card('tickets') === '12');
    // The group choices: the team's set-up and what the tickets use.
    const groups = [...select('ld-report-group').options].map((o) => o.value);
    expect(groups).toEqual(['', 'Billing', 'Returns']);
    expect([...select('ld-report-tag').options].map((o) => o.value)).toEqual([
      '',
      'Shipping/Late by shipper',
      'Billing/Invoice data',
    ]);
    await choose(select('ld-report-group'), 'Billing');
    await waitFor('the group report', () => card('tickets') === '3');
    expect(hashes.at(-1)).toBe('#group=Billing');
    expect(engine.scopes.at(-1)?.group).toBe('Billing');
    await choose(select('ld-report-range'), '7d');
    await waitFor('the hash', () => hashes.at(-1) === '#range=7d&group=Billing');
    // Back to a filter already computed: the kept result, no second computation.
    const computed = engine.scopes.length;
    await choose(select('ld-report-range'), '30d');
    await waitFor('the hash', () => hashes.at(-1) === '#group=Billing');
    await settle();
    expect(engine.scopes.length).toBe(computed);
  });

  it('restores the filters from the hash it opened with', async () => {
    const { engine } = setUp({
      props: { hash: '#range=custom&from=2026-11-01&to=2026-11-10&agent=Bo&hours=business' },
    });
    await waitFor('the report', () => engine.scopes.length > 0);
    expect(engine.scopes[0]).toEqual({
      from: Date.UTC(2026, 10, 1),
      to: Date.UTC(2026, 10, 11),
      timeZone: 'UTC',
      agent: 'Bo',
    });
    expect(select('ld-report-range').value).toBe('custom');
    expect((document.getElementById('ld-report-from') as HTMLInputElement).value).toBe('2026-11-01');
    expect(select('ld-report-agent').value).toBe('Bo');
    expect(main().querySelector<HTMLInputElement>('input[value="business"]')?.checked).toBe(true);
  });

  it('asks for dates when a custom range is backwards, and is still ready', async () => {
    const { states } = setUp({ props: { hash: '#range=custom&from=2026-11-10&to=2026-11-01' } });
    await waitFor('the message', () => text().includes('reportsChooseDates'));
    await waitFor('ready', () => states.at(-1) === 'ready');
  });

  it('shows the empty state when no ticket is in the range', async () => {
    const { states } = setUp({ tickets: () => 0 });
    await waitFor('the empty state', () => main().querySelector('.ld-empty')?.textContent === 'reportsEmpty');
    expect(main().querySelector('.ld-charts')).toBeNull();
    await waitFor('ready', () => states.at(-1) === 'ready');
  });

  it('shows and hides a chart table, with the chart numbers', async () => {
    setUp();
    await waitFor('the report', () => card('tickets') === '12');
    const toggle = buttonNamed('reportsShowTable: reportsVolumePerDay');
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    expect(document.getElementById('ld-chart-volume-table')?.hidden).toBe(true);
    await act(() => toggle.click());
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    const rows = [
      ...(document.querySelectorAll('#ld-chart-volume-table tbody tr') as NodeListOf<HTMLElement>),
    ].map((row) => [...row.children].map((cell) => cell.textContent));
    expect(rows).toEqual([
      ['2026-11-20', '7'],
      ['2026-11-21', '5'],
    ]);
    await act(() => toggle.click());
    expect(document.getElementById('ld-chart-volume-table')?.hidden).toBe(true);
    expect(document.querySelector('#ld-chart-volume-table table')).toBeNull();
  });

  it('downloads a chart and a table as CSV, guarded against formulas', async () => {
    const { downloads } = setUp();
    await waitFor('the report', () => card('tickets') === '12');
    await act(() => buttonNamed('reportsDownloadCsvOf reportsVolumePerDay').click());
    expect(downloads.at(-1)).toEqual({
      fileName: 'labeldesk-volume-2026-10-25-2026-11-23.csv',
      text: '\uFEFFreportsColumnDay,reportsColumnTickets\r\n2026-11-20,7\r\n2026-11-21,5\r\n',
    });
    await act(() => buttonNamed('reportsDownloadCsvOf reportsCsatByTag').click());
    expect(downloads.at(-1)?.text).toBe(
      '\uFEFFreportsColumnTag,reportsRatingGood,reportsRatingOkay,reportsRatingBad,reportsColumnAnswers,reportsColumnShareGood\r\n' +
        `"'=HYPERLINK(""x"")",0,0,1,1,0\r\n`,
    );
  });

  it('links comments and worst waits to the thread in the mailbox’s Gmail', async () => {
    setUp();
    await waitFor('the report', () => card('tickets') === '12');
    const link = [...main().querySelectorAll('a')].find((a) => a.textContent === '#BAD001');
    expect(link?.getAttribute('href')).toBe(
      'https://mail.google.com/mail/?authuser=support%40shop.example#all/th-2',
    );
    expect(link?.getAttribute('rel')).toContain('noopener');
    expect(main().querySelector('#ld-worst a')?.textContent).toBe('#K7Q2XM');
    expect(main().querySelector('#ld-worst .ld-subject')?.textContent).toBe('Parcel "lost", again');
  });

  it('keeps typed-in monthly orders for the mailbox', async () => {
    const { source } = setUp();
    await waitFor('the report', () => card('tickets') === '12');
    const orders = main().querySelector<HTMLInputElement>('input[aria-label="reportsOrdersIn 2026-11"]');
    if (orders === null) throw new Error('no orders input');
    await choose(orders, '400');
    await waitFor('saved', () => source.state.monthly?.[MAILBOX]?.[0]?.orders === 400);
    await choose(orders, '4.5');
    expect(source.state.monthly?.[MAILBOX]).toEqual([{ month: '2026-11', orders: 400 }]);
  });

  it('explains the alert threshold and shows the heat map numbers, not colour alone', async () => {
    setUp();
    await waitFor('the report', () => card('tickets') === '12');
    // The recurring issues are computed after the report is drawn.
    await waitFor('the recurring issues', () => text().includes('reportsTrendThreshold 8 100 3'));
    expect(text()).toContain('reportsTrendLine Shipping/Late by shipper 9 1');
    const cells = [...document.querySelectorAll('.ld-heat tbody td')].map((cell) => cell.textContent);
    expect(cells).toEqual(['1', '9 (reportsSpike)']);
  });

  it('shows the reading progress and reads the store again as it moves', async () => {
    const { source } = setUp({
      state: {
        progress: [
          { pending: 6_800, total: 10_000 },
          { pending: 0, total: 10_000 },
        ],
      },
    });
    await waitFor('the report', () => card('tickets') === '12');
    await waitFor('a second read', () => source.calls.filter((c) => c.method === 'load').length >= 2);
    expect(source.calls.filter((c) => c.method === 'prepare').length).toBe(2);
    expect(main().querySelector('.ld-progress')).toBeNull();
  });

  it('says how far the history has been read, and that the report is partial', async () => {
    setUp({ state: { progress: [{ pending: 6_800, total: 10_000 }] }, props: { pollMs: 60_000 } });
    await waitFor('the progress', () => main().querySelector('.ld-progress')?.textContent);
    expect(main().querySelector('.ld-progress')?.textContent).toBe('reportsReadingHistory 3,200 10,000');
    await waitFor(
      'the partial notice',
      () => main().querySelector('.ld-partial')?.textContent === 'reportsPartialReading',
    );
  });

  it('offers a retry when the store cannot be read', async () => {
    const { source, states } = setUp({ state: {} });
    source.failNext.load = 'blocked';
    await waitFor('the alert', () =>
      main().querySelector('[role="alert"]')?.textContent?.includes('reportsLoadFailed blocked'),
    );
    await waitFor('ready', () => states.at(-1) === 'ready');
    await act(() => buttonNamed('reportsRetry').click());
    await waitFor('the report', () => card('tickets') === '12');
  });

  it('lets the founder pick among several mailboxes', async () => {
    const other = 'sales@shop.example';
    const { source, hashes } = setUp({
      state: { mailboxes: [MAILBOX, other], data: { [MAILBOX]: fixtureData(), [other]: fixtureData() } },
    });
    await waitFor('the report', () => card('tickets') === '12');
    await choose(select('ld-report-mailbox'), other);
    await waitFor('the other mailbox', () =>
      source.calls.some((c) => c.method === 'load' && c.args[0] === other),
    );
    expect(hashes.at(-1)).toBe('#mailbox=sales%40shop.example');
  });
});
