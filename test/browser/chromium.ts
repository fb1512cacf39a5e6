import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, WebWorker } from 'puppeteer-core';
import puppeteer from 'puppeteer-core';

/**
 * Launching Debian's Chromium with the built extension and Google's hosts mapped to the local Gmail
 * stand-in (TOOLCHAIN.md, "Chromium for browser tests"). Shared by the browser tests and `npm start`.
 */

export const EXTENSION_ID = 'acocndifihbcbdmbdojmfaldmapplekp';
export const DIST_PATH = join(import.meta.dirname, '../../dist');
export const GMAIL_INBOX_URL = 'https://mail.google.com/mail/u/0/#inbox';
/** What the demo and the tests paste into the options page; the stand-in accepts any client id. */
export const DEMO_CLIENT_ID = '1055431337-labeldeskdemo.apps.googleusercontent.com';

const CHROMIUM_CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

export class ChromiumMissingError extends Error {
  constructor() {
    super(
      'Chromium is not installed. On Debian or Ubuntu: sudo apt-get install chromium ' +
        '(or set CHROMIUM_PATH to a Chromium or Chrome binary).',
    );
    this.name = 'ChromiumMissingError';
  }
}

export function findChromium(): string {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv !== undefined && fromEnv !== '') {
    if (existsSync(fromEnv)) return fromEnv;
    throw new ChromiumMissingError();
  }
  const found = CHROMIUM_CANDIDATES.find((path) => existsSync(path));
  if (found === undefined) throw new ChromiumMissingError();
  return found;
}

export function assertBuilt(distPath = DIST_PATH): void {
  if (!existsSync(join(distPath, 'manifest.json'))) {
    throw new Error(`No built extension in ${distPath}: run \`npm run build\` first.`);
  }
}

export interface StandinAddress {
  tlsPort: number;
  /** base64 SHA-256 of the stand-in's public key; without it every certificate error is ignored. */
  tlsSpki?: string;
}

/** Chromium's UI language, which picks the extension's messages: a locale the extension ships. */
export type UiLanguage = 'en' | 'ru' | 'pl' | 'ja';

/** The BCP 47 tag and the POSIX locale Chromium reads its UI language from, per language. */
const UI_LOCALES: Record<UiLanguage, { tag: string; posix: string }> = {
  en: { tag: 'en-US', posix: 'en_US.UTF-8' },
  ru: { tag: 'ru', posix: 'ru_RU.UTF-8' },
  pl: { tag: 'pl', posix: 'pl_PL.UTF-8' },
  ja: { tag: 'ja', posix: 'ja_JP.UTF-8' },
};

/** Chromium flags: quiet, no Google services, Google's hosts answered by the stand-in. */
export function chromiumArgs(standin: StandinAddress, language: UiLanguage = 'en'): string[] {
  const target = `127.0.0.1:${standin.tlsPort}`;
  const rules = [
    `MAP mail.google.com ${target}`,
    `MAP gmail.googleapis.com ${target}`,
    `MAP accounts.google.com ${target}`,
    // The OAuth redirect host must never be looked up: the flow completes on the redirect itself.
    'MAP *.chromiumapp.org ~NOTFOUND',
  ].join(',');
  return [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-dev-shm-usage',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--disable-default-apps',
    '--no-first-run',
    '--no-default-browser-check',
    '--disable-quic',
    // Headless Chromium on Linux picks the extension's messages by --lang (LANGUAGE/LANG alone leave them
    // English); chrome.i18n.getUILanguage() still says en-US, so the UI asks its messages for the language.
    `--lang=${UI_LOCALES[language].tag}`,
    `--host-resolver-rules=${rules}`,
    standin.tlsSpki === undefined
      ? '--ignore-certificate-errors'
      : `--ignore-certificate-errors-spki-list=${standin.tlsSpki}`,
  ];
}

/** A throwaway home: Chromium writes into $HOME and XDG folders even with a --user-data-dir. */
export interface ChromiumHome {
  dir: string;
  userDataDir: string;
  env: Record<string, string>;
  remove(): Promise<void>;
}

export async function makeChromiumHome(language: UiLanguage = 'en'): Promise<ChromiumHome> {
  const dir = await mkdtemp(join(tmpdir(), 'labeldesk-chromium-'));
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) if (value !== undefined) env[key] = value;
  Object.assign(env, {
    HOME: dir,
    XDG_CONFIG_HOME: join(dir, '.config'),
    XDG_CACHE_HOME: join(dir, '.cache'),
    XDG_DATA_HOME: join(dir, '.local/share'),
    XDG_STATE_HOME: join(dir, '.local/state'),
    LANG: UI_LOCALES[language].posix,
    LANGUAGE: language,
  });
  return {
    dir,
    userDataDir: join(dir, 'user-data'),
    env,
    remove: () => rm(dir, { recursive: true, force: true, maxRetries: 3 }),
  };
}

/**
 * The extension's service worker, once its extension APIs are bound: the target shows up a moment before
 * `chrome` exists in it.
 */
export async function extensionWorker(browser: Browser, extensionId = EXTENSION_ID): Promise<WebWorker> {
  const target = await browser.waitForTarget(
    (candidate) =>
      candidate.type() === 'service_worker' &&
      candidate.url().startsWith(`chrome-extension://${extensionId}/`),
    { timeout: 15_000 },
  );
  const worker = await target.worker();
  if (worker === null) throw new Error("The extension's service worker target has no worker");
  const deadline = Date.now() + 10_000;
  while (!(await worker.evaluate(() => typeof chrome === 'object' && chrome.storage?.sync !== undefined))) {
    if (Date.now() > deadline) throw new Error("The extension's service worker never got chrome.storage");
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return worker;
}

/** Headless Chromium with Google's hosts answered by the stand-in, no extension: for tests of the page itself. */
export async function launchPageChromium(
  standin: StandinAddress,
): Promise<{ browser: Browser; home: ChromiumHome }> {
  const home = await makeChromiumHome();
  try {
    const browser = await puppeteer.launch({
      executablePath: findChromium(),
      headless: true,
      userDataDir: home.userDataDir,
      env: home.env,
      args: chromiumArgs(standin),
    });
    return { browser, home };
  } catch (error) {
    await home.remove();
    throw error;
  }
}
