import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ticketReference } from '../../src/core/ticket-reference';
import { expectAccessible } from './axe';
import { DEMO_CLIENT_ID } from './chromium';
import {
  byName,
  findSidebar,
  type Harness,
  openThreadBySubject,
  startHarness,
  waitForSidebarText,
  waitUntil,
} from './harness';

/**
 * Japanese, where names and counts are written without the spaces and commas English has: the queue buttons
 * and the ticket's fields keep their visible text inside their names (axe label-content-name-mismatch), and
 * nothing serious or critical is found. The names come from public/_locales/ja/messages.json.
 */

const JA: Record<string, { message: string }> = JSON.parse(
  readFileSync(join(import.meta.dirname, '../../public/_locales/ja/messages.json'), 'utf8'),
);
const ja = (key: string): string => {
  const message = JA[key]?.message;
  if (message === undefined) throw new Error(`No Japanese message ${key}`);
  return message;
};

describe('the sidebar in Japanese', () => {
  let harness: Harness;
  let page: Page;

  beforeAll(async () => {
    harness = await startHarness({ language: 'ja' });
    await harness.storeSettings({ clientId: DEMO_CLIENT_ID, agentName: 'Anna Kowalska' });
    page = await harness.openInbox();
    await byName(page, 'region', ja('queueTitle'), 20_000);
  });

  afterAll(async () => {
    await harness?.close();
  });

  it('passes axe on the queues, their counts shown', async () => {
    const panel = await byName(page, 'region', ja('queueTitle'));
    await waitUntil(
      () => panel.evaluate((section) => section.querySelector('.queue-choice-count') !== null),
      'the queue counts',
      40_000,
    );
    await waitUntil(
      () =>
        panel.evaluate(
          (section) =>
            section.querySelector('.queue-row') !== null || section.querySelector('.queue-empty') !== null,
        ),
      'the chosen queue',
    );
    await expectAccessible(page, panel, 'the queues in Japanese');
  });

  it('names the fields in Japanese and passes axe on a ticket', async () => {
    const id = await openThreadBySubject(page, 'お礼');
    await waitForSidebarText(
      page,
      (text) => text.includes(ticketReference(id)) && text.includes(ja('ticketActivityHeading')),
      20_000,
    );
    for (const key of [
      'ticketFieldStatus',
      'ticketFieldPriority',
      'ticketFieldAssignee',
      'ticketFieldGroup',
      'ticketFieldTags',
    ]) {
      await byName(page, 'combobox', ja(key));
    }
    await byName(page, 'textbox', ja('ticketFieldNote'));
    const sidebar = await findSidebar(page);
    expect(await sidebar.evaluate((aside) => aside.getAttribute('lang'))).toBe('ja');
    await expectAccessible(page, sidebar, 'the ticket sidebar in Japanese');
  });
});
