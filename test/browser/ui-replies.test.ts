import type { ElementHandle, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readStandinStats } from '../../scripts/gmail-standin/index';
import type { TemplateLibrary } from '../../src/core/templates';
import { ticketReference } from '../../src/core/ticket-reference';
import { expectAccessible } from './axe';
import { DEMO_CLIENT_ID } from './chromium';
import {
  byName,
  DEMO_TEAM,
  findSidebar,
  type Harness,
  openThreadBySubject,
  startHarness,
  waitForSidebarText,
  waitUntil,
} from './harness';

/**
 * Issue 5 in the production bundle on the stand-in page, two agents in their own Chromium on one mailbox:
 * Anna inserts every kind of template into a reply (the customer's language picked, variables filled, markup
 * kept as text, Gmail's signature kept below), types the seed's text shortcuts and undoes one, and applies a
 * macro whose five label changes reach the stand-in in one threads.modify; Dmitri, the new assignee, gets a
 * browser notification in his own Labeldesk.
 */

const RUSSIAN_THREAD = 'Возврат товара'; // a Russian customer: New, Low, Billing
const ENGLISH_THREAD = 'Are the celadon cups dishwasher safe?'; // New, Sales, nobody assigned

const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

const LIBRARY: TemplateLibrary = {
  templates: [
    {
      id: id(1),
      name: 'Plain thanks',
      tags: [],
      variants: [{ language: 'en', body: 'Thank you for writing to us.' }],
      updatedAt: 1,
      author: 'Anna Kowalska',
    },
    {
      id: id(2),
      name: 'Acknowledgement',
      folder: 'First replies',
      tags: [],
      variants: [
        {
          language: 'en',
          body: 'Hello {{customer.firstName | there}}, we have your request {{ticket.reference}}.',
        },
        {
          language: 'ru',
          body: 'Здравствуйте, {{customer.firstName | уважаемый клиент}}! Ваше обращение {{ticket.reference}} у нас.',
        },
        { language: 'pl', body: 'Dzień dobry, mamy Pana/Pani zgłoszenie {{ticket.reference}}.' },
        { language: 'ja', body: 'お問い合わせ {{ticket.reference}} を承りました。' },
      ],
      updatedAt: 1,
      author: 'Anna Kowalska',
    },
    {
      id: id(3),
      name: 'Signed by me',
      tags: [],
      variants: [{ language: 'en', body: 'Best regards,\n{{agent.name}}\nNorthwind tea shop' }],
      updatedAt: 1,
      author: 'Anna Kowalska',
    },
    {
      id: id(4),
      name: 'Tracking link',
      tags: [],
      variants: [
        {
          language: 'en',
          body: 'Track it here: https://track.example/parcel?id=42 (case {{ticket.reference}})',
        },
      ],
      updatedAt: 1,
      author: 'Anna Kowalska',
    },
    {
      id: id(5),
      name: 'Looks like markup',
      tags: [],
      variants: [
        { language: 'en', body: 'Use <b>bold</b> & <img src=x onerror="document.title=1"> as text.' },
      ],
      updatedAt: 1,
      author: 'Anna Kowalska',
    },
  ],
  shortcuts: [
    { abbreviation: 'Зд', expansion: 'Здравствуйте,' },
    { abbreviation: 'пож', expansion: 'пожалуйста,' },
    { abbreviation: 'демоо', expansion: 'https://demo.labeldesk.example/' },
  ],
  macros: [
    {
      id: id(10),
      name: 'Escalate to billing',
      templateId: id(2),
      patch: {
        status: 'Pending',
        priority: 'High',
        group: 'Billing',
        assignee: 'Dmitri Sokolov',
        addTags: ['Payments/Payment error'],
      },
      note: 'Please check the refund.',
      notifyAssignee: true,
    },
  ],
};

/** The open reply's editable body in Gmail's page. */
async function replyBody(page: Page): Promise<ElementHandle<Element>> {
  const body = await page.waitForSelector('div[role=main] [g_editable="true"][contenteditable="true"]');
  if (!body) throw new Error('no reply body');
  return body;
}

/** The reply's text as the agent reads it (a space Chrome wrote as a no-break space is a space). */
const bodyText = (page: Page) =>
  page.$eval('div[role=main] [g_editable="true"]', (body) =>
    (body as HTMLElement).innerText.replace(/\u00a0/g, ' '),
  );

/** Reads until `accept` takes what was read, and returns it. */
async function until<T>(read: () => Promise<T>, accept: (value: T) => boolean, timeout = 10_000): Promise<T> {
  const found = await waitUntil(
    async () => {
      const value = await read();
      return accept(value) && { value };
    },
    'the page to change',
    timeout,
  );
  return found.value;
}

async function clickInSidebar(page: Page, role: string, name: string): Promise<void> {
  await (await byName(page, role, name)).click();
}

let anna: Harness;

describe('templates, text shortcuts and macros in Gmail', () => {
  let dmitri: Harness | undefined;
  let page: Page;

  beforeAll(async () => {
    anna = await startHarness();
    dmitri = await startHarness({ standin: anna.standin });
    await anna.storeSettings({ clientId: DEMO_CLIENT_ID, agentName: 'Anna Kowalska' });
    await dmitri.storeSettings({ clientId: DEMO_CLIENT_ID, agentName: 'Dmitri Sokolov' });
    page = await anna.openInbox();
    // Dmitri has Gmail open too: his Labeldesk polls the mailbox and hears of what is assigned to him.
    await dmitri.openInbox();
    await anna.publishTeam(DEMO_TEAM);
    await anna.publishLibrary(LIBRARY);
  }, 60_000);

  afterAll(async () => {
    await dmitri?.close();
    await anna?.close();
  });

  it('previews the customer’s language and inserts every kind of template as text, above the signature', async () => {
    const threadId = await openThreadBySubject(page, RUSSIAN_THREAD);
    const reference = ticketReference(threadId);
    await waitForSidebarText(
      page,
      (text) => text.includes('Acknowledgement') && text.includes('Escalate to billing'),
    );

    // The preview is the Russian variant (the customer wrote in Russian), rendered for this ticket.
    await clickInSidebar(page, 'button', 'Acknowledgement');
    const preview = await until(
      () => page.$eval('pierce/[data-testid="reply-preview"]', (p) => p.textContent ?? '').catch(() => ''),
      (text) => text.includes(reference),
    );
    expect(preview).toMatch(/^Здравствуйте, .+! Ваше обращение #[A-Z0-9]+ у нас\.$/);
    await expectAccessible(page, await findSidebar(page), 'the sidebar with the template preview');

    // No reply is open: Insert opens one with Gmail's own Reply button. Gmail puts the signature in it.
    await clickInSidebar(page, 'button', 'Insert');
    const body = await replyBody(page);
    await until(
      () => bodyText(page),
      (text) => text.includes(reference),
    );
    await body.evaluate((element) => {
      const signature = document.createElement('div');
      signature.className = 'gmail_signature';
      signature.textContent = '-- Anna, Northwind tea shop';
      element.append(signature);
    });

    // Then one after another, each before the signature: plain, signed with the agent's name, a link, and
    // text that looks like markup (it stays text: nothing is parsed as HTML).
    for (const [name, expected] of [
      ['Plain thanks', 'Thank you for writing to us.'],
      ['Signed by me', 'Best regards,\nAnna Kowalska\nNorthwind tea shop'],
      ['Tracking link', `Track it here: https://track.example/parcel?id=42 (case ${reference})`],
      ['Looks like markup', 'Use <b>bold</b> & <img src=x onerror="document.title=1"> as text.'],
    ] as const) {
      await clickInSidebar(page, 'button', name);
      await clickInSidebar(page, 'button', 'Insert');
      const text = await until(
        () => bodyText(page),
        (shown) => shown.includes(expected),
      );
      expect(text.indexOf(expected), name).toBeLessThan(text.indexOf('-- Anna, Northwind tea shop'));
    }
    const inside = await body.evaluate((element) => ({
      images: element.querySelectorAll('img').length,
      bold: element.querySelectorAll('b').length,
    }));
    expect(inside).toEqual({ images: 0, bold: 0 });
    expect(await page.title()).not.toBe('1');
  }, 90_000);

  it('expands the seed’s Russian shortcuts on a whole word only, and Ctrl+Z undoes one expansion', async () => {
    const body = await replyBody(page);
    await body.evaluate((element) => {
      element.textContent = '';
    });
    await body.click();
    await page.keyboard.type('Зд ');
    await until(
      () => bodyText(page),
      (text) => text.startsWith('Здравствуйте, '),
    );
    await page.keyboard.type('Анна, пож ');
    await until(
      () => bodyText(page),
      (text) => text.includes('Анна, пожалуйста, '),
    );
    // `демо` is a word of its own: only `демоо` (two o's) is the shortcut; `Здание` is not `Зд`.
    await page.keyboard.type('демо Здание демоо ');
    const expanded = await until(
      () => bodyText(page),
      (text) => text.includes('https://demo.labeldesk.example/'),
    );
    expect(expanded).toBe('Здравствуйте, Анна, пожалуйста, демо Здание https://demo.labeldesk.example/ ');
    await page.keyboard.down('Control');
    await page.keyboard.press('z');
    await page.keyboard.up('Control');
    const undone = await until(
      () => bodyText(page),
      (text) => !text.includes('https://'),
    );
    expect(undone).toBe('Здравствуйте, Анна, пожалуйста, демо Здание демоо ');
  }, 60_000);

  it('applies a macro: the labels at once and in one threads.modify, the reply, and a notification for Dmitri', async () => {
    await page.evaluate(() => {
      window.location.hash = '#inbox';
    });
    const threadId = await openThreadBySubject(page, ENGLISH_THREAD);
    await waitForSidebarText(
      page,
      (text) => text.includes(ticketReference(threadId)) && text.includes('Escalate to billing'),
    );
    const before = await readStandinStats(anna.standin.url);
    await clickInSidebar(page, 'button', 'Escalate to billing');
    const status = await byName(page, 'combobox', 'Status');
    expect(await status.evaluate((select) => (select as HTMLSelectElement).value)).toBe('Pending');
    await until(
      () => bodyText(page).catch(() => ''),
      (text) => text.includes(`we have your request ${ticketReference(threadId)}`),
    );
    await waitForSidebarText(page, (text) => text.includes('Saved to Gmail'), 30_000);

    const labels = await anna.threadLabels(threadId);
    expect(labels).toEqual(
      expect.arrayContaining([
        'Helpdesk/Status/Pending',
        'Helpdesk/Priority/High',
        'Helpdesk/Group/Billing',
        'Helpdesk/Assignee/Dmitri Sokolov',
        'Helpdesk/Tag/Payments/Payment error',
      ]),
    );
    const after = await readStandinStats(anna.standin.url);
    const modifies = (counts: typeof before) => counts.byMethod['gmail.users.threads.modify']?.requests ?? 0;
    expect(modifies(after) - modifies(before)).toBe(1);

    // The note and the notification go out once the undo offer is over (8 s); Dmitri's Labeldesk shows the
    // notification after its next poll.
    const worker = await dmitri?.serviceWorker();
    if (!worker) throw new Error('no worker for Dmitri');
    const notifications = await until(
      () => worker.evaluate(async () => Object.keys(await chrome.notifications.getAll())),
      (ids) => ids.length > 0,
      90_000,
    );
    expect(notifications).toHaveLength(1);
    // Nobody is told of a ticket they gave away themselves.
    const annasWorker = await anna.serviceWorker();
    expect(await annasWorker.evaluate(async () => Object.keys(await chrome.notifications.getAll()))).toEqual(
      [],
    );
    // The macro's internal note reached Dmitri with the rest.
    const hisPage = await dmitri?.openInbox();
    if (!hisPage) throw new Error('no page for Dmitri');
    await openThreadBySubject(hisPage, ENGLISH_THREAD);
    await waitForSidebarText(hisPage, (text) => text.includes('Please check the refund.'), 30_000);
  }, 150_000);

  it('checks a reply before sending when the team asks for it, then saves the sent reply as a template', async () => {
    await anna.publishTeam({ ...DEMO_TEAM, checksBeforeSending: true });
    const threadId = await page.$eval('h2.hP[data-legacy-thread-id]', (h) =>
      h.getAttribute('data-legacy-thread-id'),
    );
    if (!threadId) throw new Error('no thread open');
    const messages = async () =>
      (await anna.api<{ messages: unknown[] }>(`threads/${threadId}?format=minimal`)).messages.length;
    const before = await messages();

    const body = await replyBody(page);
    await body.evaluate((element) => {
      element.textContent = '';
    });
    await body.click();
    await page.keyboard.type('The invoice is in the attached file. Thank you for your patience.');
    // The setting reaches the open tab with the team's next announcement; until then Send would go out.
    await until(
      async () => {
        await page.click('div[role=main] .M9 [data-standin-action="send"]');
        return page.$('pierce/[role="alertdialog"]');
      },
      (dialog) => dialog !== null,
      30_000,
    );
    const dialog = await byName(page, 'alertdialog', 'Check before sending');
    expect(await dialog.evaluate((d) => d.textContent)).toContain('mentions an attachment');
    await expectAccessible(page, dialog, 'the checks before sending');
    expect(await messages()).toBe(before);

    await (await byName(page, 'button', 'Send anyway')).click();
    await until(messages, (count) => count === before + 1, 15_000);

    // The reply just sent becomes a template for the whole team.
    await waitForSidebarText(page, (text) => text.includes('Save as template…'), 30_000);
    await clickInSidebar(page, 'button', 'Save as template…');
    const name = await byName(page, 'textbox', 'Template name');
    await name.type('Invoice attached');
    await clickInSidebar(page, 'button', 'Save template');
    await waitForSidebarText(page, (text) => text.includes('Template “Invoice attached” saved for the team'));
    await waitForSidebarText(page, (text) => text.includes('Invoice attached'));
  }, 90_000);
});
