import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import puppeteer, { type Browser } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ticketReference } from '../../src/core/ticket-reference';
import { waitForSidebarText } from './harness';

const startLine = z.object({
  browserWSEndpoint: z.string().regex(/^ws:\/\/127\.0\.0\.1:\d+\/devtools\/browser\//),
  standin: z.string().regex(/^http:\/\/127\.0\.0\.1:\d+$/),
});

/** `npm start -- --headless` as a script uses it: one JSON line on stdout, then a DevTools endpoint to drive. */
describe('npm start -- --headless', () => {
  let child: ChildProcess;
  let line: z.infer<typeof startLine>;
  let browser: Browser;
  const stdoutLines: string[] = [];

  beforeAll(async () => {
    child = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts', '--headless'], {
      cwd: `${import.meta.dirname}/../..`,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const firstLine = await new Promise<string>((resolve, reject) => {
      const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
      lines.on('line', (text) => {
        stdoutLines.push(text);
        if (stdoutLines.length === 1) resolve(text);
      });
      child.once('exit', (code) =>
        reject(new Error(`npm start exited with ${code} before printing its line`)),
      );
    });
    line = startLine.parse(JSON.parse(firstLine));
    browser = await puppeteer.connect({ browserWSEndpoint: line.browserWSEndpoint, defaultViewport: null });
  });

  afterAll(async () => {
    await browser?.disconnect();
    if (child.exitCode === null) child.kill('SIGKILL');
  });

  it('serves the stand-in it names', async () => {
    const profile = await fetch(`${line.standin}/gmail/v1/users/me/profile`, {
      headers: { Authorization: 'Bearer demo' },
    });
    expect(profile.status).toBe(200);
  });

  it('shows the sidebar on a thread, signed in with the demo client id', async () => {
    const pages = await browser.pages();
    const page = pages.find((candidate) => candidate.url().startsWith('https://mail.google.com/mail/u/0/'));
    if (page === undefined) throw new Error('No Gmail tab in the demo browser');
    await page.locator('tr.zA .bog').click();
    const heading = await page.waitForSelector('h2.hP[data-legacy-thread-id]', { visible: true });
    const threadId =
      (await heading?.evaluate((element) => element.getAttribute('data-legacy-thread-id'))) ?? '';
    const text = await waitForSidebarText(
      page,
      (shown) => shown.includes('Priority') && shown.includes(ticketReference(threadId)),
    );
    expect(text).toContain(ticketReference(threadId));
  });

  it('printed exactly one line, and stops cleanly on SIGTERM', async () => {
    expect(stdoutLines).toHaveLength(1);
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });
});
