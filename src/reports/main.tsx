import { render } from 'preact';
import { repeatedComplaints, tagTrends } from '../core/metrics/recurring';
import { computeReport } from '../core/metrics/report';
import { suggestTags } from '../core/metrics/tag-clusters';
import { pageResults } from '../messaging/contract-automation';
import { callerFor } from '../messaging/sender';
import { openLabeldeskDatabase } from '../store/db';
import { readReportInputs, saveFactsSnapshot } from '../store/report-inputs';
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

const source = reportsSource({
  call: callBackground,
  // The page shares the extension origin's IndexedDB with the service worker; opened per read and closed,
  // so a schema upgrade by the service worker is never blocked by this tab.
  readInputs: async (mailbox) => {
    const db = await openLabeldeskDatabase(mailbox);
    let saving = false;
    try {
      const { facts, csat, staleSnapshot } = await readReportInputs(db);
      if (staleSnapshot) {
        // The next visit starts from these facts: saved once the report is on screen and the page is idle.
        saving = true;
        whenIdle(() => {
          saveFactsSnapshot(db, facts, staleSnapshot)
            .catch(() => false)
            .finally(() => db.close());
        });
      }
      return { facts, csat };
    } finally {
      if (!saving) db.close();
    }
  },
  area: {
    get: (key) => chrome.storage.local.get(key),
    set: (items) => chrome.storage.local.set(items),
  },
});

/** Runs `task` when the page has nothing to do (at the latest after 5 s), after the first report is drawn. */
function whenIdle(task: () => void): void {
  const idle = globalThis.requestIdleCallback;
  if (typeof idle === 'function') setTimeout(() => idle(task, { timeout: 5_000 }), 1_000);
  else setTimeout(task, 2_000);
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
        }}
      />
    </ChartDraw.Provider>,
    app,
  );
}
redraw = draw;
draw();
