import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeMailbox, REAL_THREAD_ID, REAL_TOKEN, sampleMailbox } from './fake-mailbox.test-helper';
import { handlePageRequest } from './handler';

let server: Server;
let base: string;
let mailbox: FakeMailbox;

beforeAll(async () => {
  mailbox = sampleMailbox();
  server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    handlePageRequest(req, res, url, mailbox).then((handled) => {
      if (!handled) {
        res.writeHead(404);
        res.end('not the page');
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

describe('the page handler', () => {
  it('serves the shell at /mail/u/0/ with the inbox in it and a script-src policy', async () => {
    const response = await fetch(`${base}/mail/u/0/`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
    const body = await response.text();
    expect(body).toContain('<title>Inbox (2) - support@northwind-shop.example - Gmail</title>');
    expect(body).toContain('data-legacy-thread-id="184a87a7b32dd009"');
  });

  it('redirects /mail/ to the first account and refuses accounts beyond the tenth', async () => {
    const redirect = await fetch(`${base}/mail/`, { redirect: 'manual' });
    expect(redirect.status).toBe(302);
    expect(redirect.headers.get('location')).toBe('/mail/u/0/');
    expect((await fetch(`${base}/mail/u/10/`)).status).toBe(404);
  });

  it('serves the mailbox at /mail/u/1/ and as a delegated mailbox at /mail/u/0/d/<token>/', async () => {
    for (const path of ['/mail/u/1/', '/mail/u/0/d/AEoRXRTstandin0Delegated/']) {
      const response = await fetch(`${base}${path}`);
      expect(response.status).toBe(200);
      expect(await response.text()).toContain(
        '<title>Inbox (2) - support@northwind-shop.example - Gmail</title>',
      );
    }
  });

  it("takes Gmail's settings from standin- switches and passes them to the views", async () => {
    const page = await (
      await fetch(`${base}/mail/u/0/?standin-theme=dark&standin-density=compact&standin-reading-pane=right`)
    ).text();
    expect(page).toContain('class="standin-theme-dark standin-density-compact"');
    expect(page).toContain(
      'data-standin-layout="standin-theme=dark&amp;standin-density=compact&amp;standin-reading-pane=right"',
    );
    expect(page).toContain('class="ae4 UI aia" gh="tl"');
    const view = (await (
      await fetch(
        `${base}/mail/u/0/_standin/view?standin-reading-pane=right&hash=${encodeURIComponent(`#inbox/${REAL_TOKEN}`)}`,
      )
    ).json()) as { main: string };
    expect(view.main).toContain('data-standin-view="split"');
    expect(view.main).toContain('data-legacy-thread-id="184a87a7b32dd009"');
  });

  it('serves the client script as JavaScript and the stylesheet as CSS', async () => {
    const script = await fetch(`${base}/mail/u/0/_standin/client.js`);
    expect(script.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(await script.text()).toContain('hashchange');
    const style = await fetch(`${base}/mail/u/0/_standin/gmail.css`);
    expect(style.headers.get('content-type')).toMatch(/^text\/css/);
    const icon = await fetch(`${base}/mail/u/0/_standin/favicon.svg`);
    expect(icon.headers.get('content-type')).toBe('image/svg+xml');
  });

  it('answers a view for a hash as JSON fragments', async () => {
    const response = await fetch(
      `${base}/mail/u/0/_standin/view?hash=${encodeURIComponent(`#inbox/${REAL_TOKEN}`)}`,
    );
    const view = (await response.json()) as { title: string; nav: string; main: string };
    expect(view.title).toBe('Where is my order #1042? - support@northwind-shop.example - Gmail');
    expect(view.main).toContain('data-thread-perm-id="thread-f:1750360559522271241"');
    expect(view.nav).toContain('title="Inbox"');
  });

  it('sends a reply through the mailbox, JSON only', async () => {
    const url = `${base}/mail/u/0/_standin/reply`;
    const form = await fetch(url, {
      method: 'POST',
      body: 'threadId=x&text=y',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    });
    expect(form.status).toBe(415);
    const bad = await fetch(url, {
      method: 'POST',
      body: '{"threadId":1}',
      headers: { 'Content-Type': 'application/json' },
    });
    expect(bad.status).toBe(400);
    const missing = await fetch(url, {
      method: 'POST',
      body: JSON.stringify({ threadId: 'ffff', text: 'hi' }),
      headers: { 'Content-Type': 'application/json' },
    });
    expect(missing.status).toBe(404);
    const ok = await fetch(url, {
      method: 'POST',
      body: JSON.stringify({ threadId: REAL_THREAD_ID, text: 'It ships today.' }),
      headers: { 'Content-Type': 'application/json' },
    });
    expect(ok.status).toBe(200);
    expect(mailbox.replies).toEqual([{ threadId: REAL_THREAD_ID, text: 'It ships today.' }]);
  });

  it('leaves paths that are not the page to the server', async () => {
    expect((await fetch(`${base}/mail/u/0/_standin/nothing`)).status).toBe(404);
    expect(await (await fetch(`${base}/mail/feed/atom`)).text()).toBe('not the page');
  });
});
