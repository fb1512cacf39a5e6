import type { ElementHandle, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible } from './axe';
import { DEMO_CLIENT_ID } from './chromium';
import { byName, type Harness, startHarness, waitForSidebarText, waitUntil } from './harness';

/**
 * The Automation section of the options page (English), driven by accessible names: business hours in a
 * time zone, a holiday and the acknowledgement turned on, saved with one 'automation.set' as a shared record
 * and read back after a reload; axe in both colour schemes.
 */

describe('the automation settings on the options page (English)', () => {
  let harness: Harness;
  let page: Page;

  const openOptions = async () => {
    await page.goto(`chrome-extension://${harness.extensionId}/src/options/index.html`);
    const section = await byName(page, 'region', 'Automation', 20_000);
    await section.waitForSelector('#auto-save', { timeout: 20_000 });
    return section;
  };

  const statusText = (scope: ElementHandle<Element>) =>
    scope.evaluate((element) =>
      [...element.querySelectorAll('[role="status"]')].map((status) => status.textContent ?? '').join('\n'),
    );

  /** Date and time inputs type differently in each locale: their value is set as a page script would. */
  const setValue = (selector: string, value: string) =>
    page.$eval(
      selector,
      (element, wanted) => {
        const input = element as HTMLInputElement;
        input.value = wanted;
        input.dispatchEvent(new Event('input', { bubbles: true }));
      },
      value,
    );

  const fieldValue = (selector: string) =>
    page.$eval(selector, (element) => (element as HTMLInputElement).value);

  beforeAll(async () => {
    harness = await startHarness();
    await harness.configure({ clientId: DEMO_CLIENT_ID, agentName: 'Anna Kowalska' });
    // The options page sets up mailboxes a Gmail tab has shown; the tab signs in and syncs.
    const gmail = await harness.openInbox();
    await waitForSidebarText(gmail, (text) => /All open\n[1-9]/.test(text), 40_000);
    await gmail.close();
    page = await harness.browser.newPage();
  });

  afterAll(async () => {
    await harness?.close();
  });

  it('sets business hours, a holiday and the effort question, saves, and reads them back', async () => {
    let section = await openOptions();
    const aroundTheClock = await byName(page, 'checkbox', 'Open around the clock (no business hours)');
    if (await aroundTheClock.evaluate((element) => (element as HTMLInputElement).checked)) {
      await aroundTheClock.click();
    }
    const zone = await byName(page, 'combobox', 'Time zone');
    await zone.click({ count: 3 });
    await zone.press('Backspace');
    await zone.type('Europe/Warsaw');
    await page.waitForSelector('#auto-calendars-0-hours-0-start');
    await setValue('#auto-calendars-0-hours-0-start', '08:00');
    await (await byName(page, 'button', 'Copy Monday to weekdays')).click();

    // The demo team has the season's Polish holidays; Easter Monday 2027 is added after them.
    const holidayDates = () =>
      page.$$eval('[id^="auto-calendars-0-holidays-"][id$="-date"]', (inputs) =>
        inputs.map((input) => (input as HTMLInputElement).value),
      );
    const before = (await holidayDates()).length;
    // By keyboard: focus scrolls the button clear of the sticky save bar (it sat under it at 1440x900).
    const addHoliday = await byName(page, 'button', 'Add holiday');
    await addHoliday.focus();
    await addHoliday.press('Enter');
    await waitUntil(async () => (await holidayDates()).length === before + 1, 'a new holiday row');
    const index = (await holidayDates()).indexOf('');
    expect(index).toBeGreaterThanOrEqual(0);
    await setValue(`#auto-calendars-0-holidays-${index}-date`, '2027-03-29');
    // Clicked first, as an agent does (and as the harness fills a textbox).
    const holidayName = await byName(page, 'textbox', `Name of holiday ${index + 1}`);
    await holidayName.click({ count: 3 });
    await holidayName.press('Backspace');
    await holidayName.type('Poniedziałek Wielkanocny');
    expect(await fieldValue(`#auto-calendars-0-holidays-${index}-date`)).toBe('2027-03-29');
    expect(await fieldValue(`#auto-calendars-0-holidays-${index}-name`)).toBe('Poniedziałek Wielkanocny');

    // The acknowledgement on (the demo has it on already), and the Customer Effort question added.
    const acknowledge = await byName(page, 'checkbox', 'Acknowledge each new ticket by email');
    if (!(await acknowledge.evaluate((element) => (element as HTMLInputElement).checked)))
      await acknowledge.click();
    const effort = await byName(page, 'checkbox', 'Also ask how easy it was to get help (Customer Effort)');
    expect(await effort.evaluate((element) => (element as HTMLInputElement).checked)).toBe(false);
    await effort.click();
    await (await byName(page, 'button', 'Save automation settings')).click();
    await waitUntil(async () => (await statusText(section)).includes('Saved.'), 'the settings saved', 20_000);
    // What the service worker now hands every agent ('automation.get'), not only what this form shows.
    const stored = await page.evaluate(async () => {
      const ask = (method: string, args: unknown) =>
        chrome.runtime.sendMessage({ labeldesk: 1, method, args });
      const mailboxes = JSON.stringify(await ask('team.mailboxes', {}));
      const mailbox = /[\w.+-]+@[\w.-]+/.exec(mailboxes)?.[0] ?? '';
      return JSON.stringify(await ask('automation.get', { mailbox }));
    });
    expect(stored).toContain('{"date":"2027-03-29","name":"Poniedziałek Wielkanocny"}');
    expect(stored).toMatch(/"acknowledgement":\{"enabled":true/);
    expect(stored).toContain('"effortQuestion":true');
    expect(stored).toContain('"timeZone":"Europe/Warsaw"');

    section = await openOptions();
    const savedBy = await section.$eval('#auto-saved-by', (element) => element.textContent ?? '');
    expect(savedBy).toContain('Last saved by Anna Kowalska');
    expect(await fieldValue('#auto-calendars-0-timeZone')).toBe('Europe/Warsaw');
    // Tuesday's first interval came from Monday.
    const tuesday = await page.$$eval('[id^="auto-calendars-0-hours-"][id$="-start"]', (inputs) =>
      inputs.map((input) => (input as HTMLInputElement).value),
    );
    expect(tuesday.filter((value) => value === '08:00').length).toBeGreaterThanOrEqual(5);
    expect(await holidayDates()).toContain('2027-03-29');
    const saved = await byName(page, 'checkbox', 'Also ask how easy it was to get help (Customer Effort)');
    expect(await saved.evaluate((element) => (element as HTMLInputElement).checked)).toBe(true);
    const acknowledgement = await byName(page, 'checkbox', 'Acknowledge each new ticket by email');
    expect(await acknowledgement.evaluate((element) => (element as HTMLInputElement).checked)).toBe(true);
  });

  it('passes axe (no serious or critical violation) in the light and the dark colour scheme', async () => {
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: scheme }]);
      await page.waitForFunction((wanted) => document.documentElement.dataset.theme === wanted, {}, scheme);
      const section = await byName(page, 'region', 'Automation');
      await expectAccessible(page, section, `the automation settings (${scheme})`);
    }
  });
});
