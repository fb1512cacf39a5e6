import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ticketReference } from '../../src/core/ticket-reference';
import { expectAccessible } from './axe';
import { DEMO_CLIENT_ID } from './chromium';
import { findSidebar, type Harness, openThreadBySubject, startHarness, waitForSidebarText } from './harness';

/**
 * The collision warning with two agents, each in their own Chromium on the same stand-in mailbox: Dmitri opens
 * a ticket, then Anna opens it and her sidebar says that Dmitri has it open (shared through the mailbox's
 * records, no other channel); axe on the warning.
 */

const SUBJECT = 'Are the celadon cups dishwasher safe?';

describe('the collision warning between two agents on one mailbox', () => {
  let anna: Harness;
  let dmitri: Harness | undefined;
  let annaPage: Page;
  let dmitriPage: Page;

  beforeAll(async () => {
    anna = await startHarness();
    dmitri = await startHarness({ standin: anna.standin });
    await anna.storeSettings({ clientId: DEMO_CLIENT_ID, agentName: 'Anna Kowalska' });
    await dmitri.storeSettings({ clientId: DEMO_CLIENT_ID, agentName: 'Dmitri Sokolov' });
    [annaPage, dmitriPage] = await Promise.all([anna.openInbox(), dmitri.openInbox()]);
  });

  afterAll(async () => {
    await dmitri?.close();
    await anna?.close();
  });

  it('tells Anna that Dmitri has the ticket open, and Dmitri that Anna has, never himself', async () => {
    const threadId = await openThreadBySubject(dmitriPage, SUBJECT);
    await waitForSidebarText(
      dmitriPage,
      (text) => text.includes(ticketReference(threadId)) && text.includes('Activity'),
    );

    await openThreadBySubject(annaPage, SUBJECT);
    // Dmitri is announced once he has kept the ticket open a moment (DWELL_MS), and Anna's sidebar asks when
    // she opens it and at each of her polls.
    const text = await waitForSidebarText(
      annaPage,
      (shown) => shown.includes('Dmitri Sokolov has this ticket open'),
      45_000,
    );
    expect(text).toContain(ticketReference(threadId));
    await expectAccessible(annaPage, await findSidebar(annaPage), 'the sidebar with the collision warning');

    // Dmitri sees Anna in turn, never himself.
    const his = await waitForSidebarText(
      dmitriPage,
      (shown) => shown.includes('Anna Kowalska has this ticket open'),
      45_000,
    );
    expect(his).not.toContain('Dmitri Sokolov has this ticket open');
  }, 120_000); // two polls at most, each under a minute

  it('warns Anna, with "Careful", once Dmitri starts a reply', async () => {
    const replies = await dmitriPage.$$('::-p-aria([name="Reply"][role="button"])');
    await replies.at(-1)?.click();
    await dmitriPage.waitForSelector('::-p-aria([name="Reply"][role="region"])');
    const text = await waitForSidebarText(
      annaPage,
      (shown) => shown.includes('Dmitri Sokolov is replying') && shown.includes('Careful'),
      90_000,
    );
    expect(text).not.toContain('Dmitri Sokolov has this ticket open');
    await expectAccessible(annaPage, await findSidebar(annaPage), 'the sidebar warning of a reply');
  }, 120_000);
});
