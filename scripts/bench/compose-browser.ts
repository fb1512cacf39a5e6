/**
 * The shortcut bench's keystroke loop in Debian's Chromium: bundles compose-page/entry.ts with Vite's JS API
 * as a classic script, and runs it on a blank page in headless Chromium (no extension, no server: the loop
 * needs only a DOM).
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer from 'puppeteer-core';
import { build } from 'vite';
import { findChromium, makeChromiumHome } from '../../test/browser/chromium';
import type { TypingRun } from './compose-page/typing';

const ENTRY = join(import.meta.dirname, 'compose-page/entry.ts');
const BUNDLE_NAME = 'compose-page.js';

async function bundle(): Promise<string> {
  const outDir = await mkdtemp(join(tmpdir(), 'labeldesk-compose-bench-'));
  try {
    await build({
      configFile: false,
      logLevel: 'warn',
      define: { 'process.env.NODE_ENV': JSON.stringify('production') },
      build: {
        outDir,
        emptyOutDir: true,
        minify: false,
        target: 'es2022',
        lib: { entry: ENTRY, formats: ['iife'], name: 'labeldeskComposePage', fileName: () => BUNDLE_NAME },
      },
    });
    return await readFile(join(outDir, BUNDLE_NAME), 'utf8');
  } finally {
    await rm(outDir, { recursive: true, force: true });
  }
}

/** Runs the loop in Chromium: a warm-up, then with the listeners, then without. */
export async function typeInChromium(): Promise<{ handled: TypingRun; bare: TypingRun }> {
  const script = await bundle();
  const home = await makeChromiumHome();
  const browser = await puppeteer.launch({
    executablePath: findChromium(),
    headless: true,
    pipe: true,
    userDataDir: home.userDataDir,
    env: home.env,
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run'],
  });
  try {
    const page = await browser.newPage();
    await page.setContent(
      '<!doctype html><meta charset="utf-8"><title>Labeldesk compose bench</title><body></body>',
    );
    await page.addScriptTag({ content: script });
    const run = (withListeners: boolean) =>
      page.evaluate(async (listeners) => {
        const bench = window.labeldeskComposeBench;
        if (!bench) throw new Error('the bench page did not start');
        return bench(listeners);
      }, withListeners);
    await run(true); // warm-up: JIT, shortcut index, selector parsing
    const handled = await run(true);
    const bare = await run(false);
    return { handled, bare };
  } finally {
    await browser.close();
    await home.remove();
  }
}
