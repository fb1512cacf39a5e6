import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ticketReference } from '../../src/core/ticket-reference';
import { DEMO_CLIENT_ID } from './chromium';
import { findSidebar, type Harness, startHarness, waitForSidebarText } from './harness';

/** The stand-in's own request counts (`GET /__standin/stats`). */
async function apiCalls(harness: Harness, method: string): Promise<number> {
  const response = await fetch(`${harness.standin.url}/__standin/stats`);
  const stats = (await response.json()) as { byMethod: Record<string, { requests: number } | undefined> };
  return stats.byMethod[method]?.requests ?? 0;
}

describe('smoke: the sidebar follows Gmail from the inbox to a thread and back', () => {
  let harness: Harness;
  let page: Page;

  beforeAll(async () => {
    harness = await startHarness();
    await harness.configure({ clientId: DEMO_CLIENT_ID, agentName: 'Anna Kowalska' });
    page = await harness.openInbox();
  });

  afterAll(async () => {
    await harness?.close();
  });

  it('shows the queues on the inbox', async () => {
    const text = await waitForSidebarText(page, (shown) => shown.includes('All open'));
    expect(text).toContain('Labeldesk');
    expect(text).toContain('Unassigned');
  });

  it("shows an opened thread's subject and reference, with the ticket read from the Gmail API", async () => {
    const threadGets = await apiCalls(harness, 'gmail.users.threads.get');
    await page.locator('tr.zA .bog').click(); // the subject, as an agent clicks a row
    const heading = await page.waitForSelector('h2.hP[data-legacy-thread-id]', { visible: true });
    if (heading === null) throw new Error('No thread view after clicking a row');
    const { threadId, subject } = await heading.evaluate((element) => ({
      threadId: element.getAttribute('data-legacy-thread-id') ?? '',
      subject: element.textContent?.trim() ?? '',
    }));
    expect(threadId).toMatch(/^[0-9a-f]{1,16}$/);
    expect(subject).not.toBe('');

    // The ticket's fields appear only once the service worker has signed in (launchWebAuthFlow against the
    // stand-in's authorize endpoint) and read the ticket: from its store, or with one threads.get before
    // the first sync has stored it.
    const text = await waitForSidebarText(
      page,
      (shown) =>
        shown.includes(ticketReference(threadId)) && shown.includes(subject) && shown.includes('Priority'),
    );
    expect(text).toContain(ticketReference(threadId));
    // Gmail renders a thread in steps; the ticket is still read at most once.
    expect(await apiCalls(harness, 'gmail.users.threads.get')).toBeLessThanOrEqual(threadGets + 1);
  });

  it("docks on the right without covering Gmail's main region", async () => {
    const sidebar = await findSidebar(page);
    const sidebarBox = await sidebar.boundingBox();
    const mainBox = await (await page.waitForSelector('[role="main"]'))?.boundingBox();
    const viewport = page.viewport();
    expect(sidebarBox).not.toBeNull();
    expect(mainBox).not.toBeNull();
    if (sidebarBox === null || mainBox === null || mainBox === undefined || viewport === null) return;
    expect(Math.round(sidebarBox.x + sidebarBox.width)).toBe(viewport.width);
    expect(mainBox.x + mainBox.width).toBeLessThanOrEqual(sidebarBox.x + 1);
  });

  it('goes back to the queues when the agent returns to the inbox', async () => {
    await page.goBack();
    await page.waitForFunction(() => location.hash === '#inbox');
    const text = await waitForSidebarText(page, (shown) => shown.includes('All open'));
    expect(text).not.toContain('Priority');
  });
});
