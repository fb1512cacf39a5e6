import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CLIENT_ID } from './chromium';
import { findSidebar, type Harness, startHarness, waitForSidebarText } from './harness';

/** Google's answers, played by the stand-in's authorize endpoint: grant at once, show consent, or deny. */
async function setOAuthMode(harness: Harness, mode: 'auto' | 'consent' | 'deny'): Promise<void> {
  const response = await fetch(`${harness.standin.url}/__standin/oauth`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ mode }),
  });
  expect(response.status).toBe(200);
}

async function openFirstThread(harness: Harness): Promise<Page> {
  const page = await harness.openInbox();
  await page.locator('tr.zA .bog').click();
  await page.waitForSelector('h2.hP[data-legacy-thread-id]', { visible: true });
  return page;
}

describe('sign-in through launchWebAuthFlow, as an agent meets it', () => {
  let harness: Harness;

  beforeAll(async () => {
    harness = await startHarness();
  });

  afterAll(async () => {
    await harness?.close();
  });

  it('asks for a client id in the options before anything else', async () => {
    const page = await openFirstThread(harness);
    await waitForSidebarText(page, (shown) => shown.includes('OAuth client id'));
    const sidebar = await findSidebar(page);
    await (await sidebar.waitForSelector('::-p-aria([name="Open options"][role="button"])'))?.click();
    const options = await harness.browser.waitForTarget(
      (target) => target.url() === `chrome-extension://${harness.extensionId}/src/options/index.html`,
      { timeout: 10_000 },
    );
    await (await options.page())?.close();
    await page.close();
  });

  it('says so when Google refuses access, and offers to sign in again', async () => {
    // Google's answer is set first: saving the settings makes the worker poll, and so sign in, at once.
    await setOAuthMode(harness, 'deny');
    await harness.configure({ clientId: DEMO_CLIENT_ID, agentName: 'Sam Porter' });
    const page = await openFirstThread(harness);
    const text = await waitForSidebarText(page, (shown) => shown.includes('Sign-in failed'));
    expect(text).toContain('access_denied');
    expect(text).not.toContain('Priority');
    await page.close();
  });

  it('offers "Sign in" when Google needs the agent, and loads the ticket after consent', async () => {
    await setOAuthMode(harness, 'consent');
    const page = await openFirstThread(harness);
    await waitForSidebarText(page, (shown) => shown.includes('Sign in to let Labeldesk read this mailbox'));

    const sidebar = await findSidebar(page);
    const signIn = await sidebar.waitForSelector('::-p-aria([name="Sign in"][role="button"])');
    await signIn?.click();
    // The interactive flow opens Google's consent page in its own window.
    const consentTarget = await harness.browser.waitForTarget(
      (target) => target.url().includes('/o/oauth2/v2/auth'),
      {
        timeout: 10_000,
      },
    );
    const consent = await consentTarget.page();
    if (consent === null) throw new Error('The consent window is not a page');
    await consent.locator('#allow').click();

    // The ticket's fields appear once the worker has signed in and read the thread.
    const text = await waitForSidebarText(page, (shown) => shown.includes('Priority'));
    expect(text).not.toContain('Sign in to let Labeldesk');
  });
});
