import { render } from 'preact';
import type { CsatFact, TicketFacts } from '../core/metrics/facts';
import { repeatedComplaints, tagTrends } from '../core/metrics/recurring';
import { computeReport } from '../core/metrics/report';
import { suggestTags } from '../core/metrics/tag-clusters';
import { pageResults } from '../messaging/contract-automation';
import { callerFor } from '../messaging/sender';
import { databaseName, openLabeldeskDatabase } from '../store/db';
import { readReportInputs, saveCsatSnapshot, saveFactsSnapshot } from '../store/report-inputs';
import { t, uiLanguage } from '../ui/i18n';
import { ChartDraw } from '../ui/reports/chart';
import { ReportsPage } from '../ui/reports/reports-page';
import { reportsSource } from '../ui/reports/reports-source';
import { REPORTS_CSS } from '../ui/reports/reports-styles';
import { drawWithUplot } from '../ui/reports/uplot-chart';
import { THEME_CSS } from '../ui/theme-styles';

// Reports are computed here, in this browser, from the store it shares with the service worker (the
// extension's origin has one IndexedDB); nothing leaves it unless the user downloads a CSV.
const callBackground = callerFor(pageResults);

const root = document.documentElement;
root.lang = uiLanguage();
root.classList.add('labeldesk-root');
root.dataset.reportState = 'loading';
document.title = t('reportsTitle');

const style = document.createElement('style');
style.textContent = THEME_CSS + REPORTS_CSS;
document.head.append(style);

const dark = globalThis.matchMedia?.('(prefers-color-scheme: dark)');
let redraw = () => {};
const applyTheme = () => {
  root.dataset.theme = dark?.matches ? 'dark' : 'light';
  // The canvas colours are read when drawing: the charts are drawn again in the new theme.
  redraw();
};
applyTheme();
dark?.addEventListener('change', applyTheme);

// The page shares the extension origin's IndexedDB with the service worker; opened per read and closed,
// so a schema upgrade by the service worker is never blocked by this tab.
async function readStore(mailbox: string): Promise<{ facts: TicketFacts[]; csat: CsatFact[] }> {
  const db = await openLabeldeskDatabase(mailbox);
  let saving = false;
  try {
    const { facts, csat, staleSnapshot, staleCsat } = await readReportInputs(db);
    if (staleSnapshot || staleCsat) {
      // The next visit starts from these facts: saved once the report is on screen and the page is idle.
      saving = true;
      afterFirstReport(() => {
        Promise.all([
          staleSnapshot && saveFactsSnapshot(db, facts, staleSnapshot).catch(() => false),
          staleCsat && saveCsatSnapshot(db, csat, staleCsat).catch(() => undefined),
        ]).finally(() => db.close());
      });
    }
    return { facts, csat };
  } finally {
    if (!saving) db.close();
  }
}

/**
 * The mailbox this page showed last: its store is read at once, while the service worker is still asked
 * which mailboxes there are (only when its database exists: opening one creates it).
 */
const LAST_MAILBOX = 'labeldesk.reports.lastMailbox';
let early: { mailbox: string; read: Promise<{ facts: TicketFacts[]; csat: CsatFact[] }> } | undefined;
const lastMailbox = (() => {
  try {
    return new URLSearchParams(location.hash.slice(1)).get('mailbox') ?? localStorage.getItem(LAST_MAILBOX);
  } catch {
    return null;
  }
})();
if (lastMailbox) {
  const name = databaseName(lastMailbox);
  const read = indexedDB
    .databases()
    .then((list) => (list.some((d) => d.name === name) ? readStore(lastMailbox) : Promise.reject()));
  read.catch(() => undefined);
  early = { mailbox: lastMailbox, read };
}

const source = reportsSource({
  call: callBackground,
  readInputs: (mailbox) => {
    try {
      localStorage.setItem(LAST_MAILBOX, mailbox);
    } catch {
      // Storage refused (a full disk): the next visit just starts a little later.
    }
    const started = early?.mailbox === mailbox ? early.read : undefined;
    early = undefined;
    return started ? started.catch(() => readStore(mailbox)) : readStore(mailbox);
  },
  area: {
    get: (key) => chrome.storage.local.get(key),
    set: (items) => chrome.storage.local.set(items),
  },
});

/** Tasks waiting for the first report to be on screen. */
let waitingForReport: (() => void)[] = [];

/**
 * Runs `task` once the first report is drawn (`data-report-state` 'ready'), when the page next has nothing
 * to do (at the latest a second later): never between reading the store and drawing the report.
 */
function afterFirstReport(task: () => void): void {
  if (root.dataset.reportState !== 'ready') {
    waitingForReport.push(task);
    return;
  }
  const idle = globalThis.requestIdleCallback;
  if (typeof idle === 'function') idle(task, { timeout: 1_000 });
  else setTimeout(task, 0);
}

const engine = { computeReport, tagTrends, repeatedComplaints, suggestTags };

const app = document.getElementById('app');
function draw() {
  if (app === null) return;
  // A new drawer per theme: the charts' effects run again and read the new colours.
  const drawer: typeof drawWithUplot = (host, spec) => drawWithUplot(host, spec);
  render(
    <ChartDraw.Provider value={drawer}>
      <ReportsPage
        source={source}
        engine={engine}
        hash={location.hash}
        onHash={(hash) => {
          if (hash !== location.hash)
            history.replaceState(null, '', hash || `${location.pathname}${location.search}`);
        }}
        onState={(state) => {
          root.dataset.reportState = state;
          if (state !== 'ready') return;
          const tasks = waitingForReport;
          waitingForReport = [];
          for (const task of tasks) afterFirstReport(task);
        }}
      />
    </ChartDraw.Provider>,
    app,
  );
}
redraw = draw;
draw();
