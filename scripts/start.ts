/**
 * `npm start`: the Labeldesk demo. Starts the Gmail stand-in with the demo shop mailbox, launches Chromium
 * with the built extension at https://mail.google.com/mail/u/0/#inbox (served by the stand-in), and stays
 * up until Ctrl+C. `--headless` (or no display) runs without a window and prints one JSON line,
 * `{"browserWSEndpoint": "ws://…", "standin": "http://127.0.0.1:P"}`, for scripts to drive.
 */
import puppeteer, { type Browser } from 'puppeteer-core';
import { SETTINGS_STORAGE_KEY, type Settings } from '../src/core/settings';
import {
  assertBuilt,
  ChromiumMissingError,
  chromiumArgs,
  DEMO_CLIENT_ID,
  DIST_PATH,
  extensionWorker,
  findChromium,
  GMAIL_INBOX_URL,
  makeChromiumHome,
} from '../test/browser/chromium';
import { playDemoCustomers } from './demo-automation';
import { startStandin } from './gmail-standin/index';

const DEMO_SETTINGS: Settings = { clientId: DEMO_CLIENT_ID, agentName: 'Anna Kowalska', shortcuts: {} };

/** Notes for people go to stderr, so stdout carries only the JSON line in headless mode. */
const note = (message: string) => process.stderr.write(`${message}\n`);

async function main(): Promise<void> {
  const wantsHeadless = process.argv.includes('--headless');
  const hasDisplay =
    process.platform !== 'linux' || Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
  const headless = wantsHeadless || !hasDisplay;
  if (!wantsHeadless && !hasDisplay)
    note('No display found: running headless (pass --headless to silence this).');

  let executablePath: string;
  try {
    executablePath = findChromium();
    assertBuilt();
  } catch (error) {
    note(error instanceof Error ? error.message : String(error));
    process.exitCode = 1;
    return;
  }

  const standin = await startStandin({ port: 0, tlsPort: 0, seed: 'demo' });
  const home = await makeChromiumHome();
  let browser: Browser | undefined;
  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= (async () => {
      await browser?.close().catch(() => {});
      await standin.close();
      await home.remove();
    })();
    return stopping;
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      void stop().then(() => process.exit(0));
    });
  }

  try {
    if (standin.tlsPort === undefined) throw new Error('The stand-in started without its TLS port');
    browser = await puppeteer.launch({
      executablePath,
      headless,
      // A DevTools WebSocket for scripts, so no pipe; the extension loads from the command line instead.
      ignoreDefaultArgs: ['--disable-extensions'],
      defaultViewport: headless ? { width: 1440, height: 900 } : null,
      userDataDir: home.userDataDir,
      env: home.env,
      args: [
        ...chromiumArgs({ tlsPort: standin.tlsPort, tlsSpki: standin.tlsSpki }),
        `--load-extension=${DIST_PATH}`,
        `--disable-extensions-except=${DIST_PATH}`,
        '--window-size=1440,900',
      ],
    });
    await configureDemo(browser);
    const [firstTab] = await browser.pages();
    const page = firstTab ?? (await browser.newPage());
    await page.goto(GMAIL_INBOX_URL);

    // Customers write while the demo runs; Anna's browser, the mailbox's automation runner, answers them.
    await playDemoCustomers(() => standin.standin.mailbox, note);

    browser.once('disconnected', () => {
      // The window was closed: nothing left to serve.
      void stop().then(() => process.exit(0));
    });
    if (headless) {
      process.stdout.write(
        `${JSON.stringify({ browserWSEndpoint: browser.wsEndpoint(), standin: standin.url })}\n`,
      );
    } else {
      note(
        `Labeldesk demo: Chromium shows ${GMAIL_INBOX_URL} from the stand-in at ${standin.url}. Ctrl+C stops it.`,
      );
      note(
        `You are ${DEMO_SETTINGS.agentName}. The mailbox has its team set up and a reply library: templates, ` +
          'macros, and the text shortcuts Зд, пож and демоо (type one and a space in a reply).',
      );
      note(
        'Automations run in your browser: in about a minute a customer writes and gets an acknowledgement with ' +
          'the time a person will answer; tickets show their SLA clock in Warsaw office hours; the newest solved ' +
          "ticket gets its CSAT survey, and its customer's answer shows in the sidebar's customer history.",
      );
    }
  } catch (error) {
    note(`Could not start the demo: ${error instanceof Error ? error.message : String(error)}`);
    await stop();
    process.exitCode = 1;
  }
}

/** The demo's OAuth client id, written where the options page would write it, so sign-in works at once. */
async function configureDemo(browser: Browser): Promise<void> {
  const worker = await extensionWorker(browser);
  await worker.evaluate(
    (key, settings) => chrome.storage.sync.set({ [key]: settings }),
    SETTINGS_STORAGE_KEY,
    DEMO_SETTINGS,
  );
}

main().catch((error: unknown) => {
  if (error instanceof ChromiumMissingError) note(error.message);
  else note(`npm start failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exitCode = 1;
});
