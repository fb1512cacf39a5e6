// @vitest-environment happy-dom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import { defaultAutomationSettings } from '../../core/automation-config';
import type { TeamConfig } from '../../core/team-config';
import type { RunnerStatus } from '../../messaging/contract-automation';
import { waitFor } from '../test-waiting';
import { AutomationSettings } from './automation-page';
import { type FakeAutomationState, fakeAutomationService } from './automation-service';

const MAILBOX = 'support@shop.example';
// Monday 23 November 2026, 12:00 UTC = 13:00 in Warsaw.
const NOW = Date.UTC(2026, 10, 23, 12, 0);

const TEAM: TeamConfig = {
  agents: [
    { name: 'Anna', email: 'anna@shop.example', groups: ['Billing'], lead: true },
    { name: 'Bo', email: 'bo@shop.example', groups: ['Second line'], lead: false },
  ],
  labelPrefix: 'Helpdesk',
  teamDomains: ['shop.example'],
  tags: [{ path: 'CSAT/Follow up' }],
};

const byId = <E extends HTMLElement = HTMLInputElement>(id: string) =>
  document.getElementById(id) as E | null;
const text = (id: string) => document.getElementById(id)?.textContent ?? '';

async function type(input: HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement | null, value: string) {
  if (input === null) throw new Error('no such field');
  await act(() => {
    input.value = value;
    input.dispatchEvent(
      new Event(input instanceof HTMLSelectElement ? 'change' : 'input', { bubbles: true }),
    );
  });
}

async function click(element: HTMLElement | null | undefined) {
  if (element === null || element === undefined) throw new Error('no such element');
  await act(() => element.click());
}

async function chooseFile(inputId: string, name: string, content: string) {
  const input = byId(inputId);
  if (input === null) throw new Error('no file control');
  const file = new File([content], name, { type: 'text/calendar' });
  Object.defineProperty(input, 'files', { value: [file], configurable: true });
  await act(() => {
    input.dispatchEvent(new Event('change', { bubbles: true }));
  });
}

function setUp(state: Partial<FakeAutomationState> = {}) {
  const service = fakeAutomationService({ me: 'Anna', team: TEAM, ...state }, () => NOW);
  const root = document.createElement('div');
  document.body.append(root);
  render(<AutomationSettings service={service} mailbox={MAILBOX} language="en" now={() => NOW} />, root);
  return { service, root };
}

async function ready() {
  return waitFor('the form', () => byId<HTMLButtonElement>('auto-save'));
}

afterEach(() => {
  for (const child of [...document.body.children]) {
    render(null, child);
    child.remove();
  }
});

const warsawTeam = () => {
  const settings = defaultAutomationSettings();
  const [first] = settings.calendars;
  if (first === undefined) throw new Error('no calendar');
  first.timeZone = 'Europe/Warsaw';
  first.hours = [1, 2, 3, 4, 5].map((day) => ({ day, start: '09:00', end: '17:00' }));
  return settings;
};

describe('AutomationSettings', () => {
  it('loads, says nobody saved yet, and saves hours, a holiday and the acknowledgement with Saving… then Saved', async () => {
    const { service } = setUp();
    expect(text('auto-loading')).toBe('autoLoading');
    await ready();
    expect(text('auto-saved-by')).toContain('autoNeverSaved');
    // The default calendar is open around the clock: turning that off gives Monday to Friday 9-17.
    await click(byId('auto-calendars-0-always'));
    await type(byId('auto-calendars-0-timeZone'), 'Europe/Warsaw');
    await waitFor('the hours grid', () => byId('auto-calendars-0-hours-0-start'));
    await type(byId('auto-calendars-0-hours-0-start'), '08:00');
    await click(byId('auto-calendars-0-copy-monday'));
    await click(byId('auto-calendars-0-holiday-add'));
    await waitFor(
      'the new holiday focused',
      () => document.activeElement?.id === 'auto-calendars-0-holidays-0-date',
    );
    await type(byId('auto-calendars-0-holidays-0-date'), '2026-12-24');
    await type(byId('auto-calendars-0-holidays-0-name'), 'Wigilia');
    await click(byId('auto-acknowledgement-enabled'));
    // Monday 13:00 in Warsaw is inside 08:00-17:00.
    expect(text('auto-cal-team-now')).toContain('autoNowOpen');

    const release = service.hold('setAutomation');
    await click(byId('auto-save'));
    await waitFor('Saving…', () => text('auto-save-status') === 'autoSaving');
    expect(byId<HTMLButtonElement>('auto-save')?.disabled).toBe(true);
    release();
    await waitFor('Saved', () => text('auto-save-status') === 'autoSaved');

    const saved = service.state.automation?.settings;
    expect(saved?.acknowledgement.enabled).toBe(true);
    expect(saved?.calendars[0]).toMatchObject({
      timeZone: 'Europe/Warsaw',
      holidays: [{ date: '2026-12-24', name: 'Wigilia' }],
    });
    expect(saved?.calendars[0]?.hours.filter((h) => h.day <= 5).map((h) => h.start)).toEqual([
      '08:00',
      '08:00',
      '08:00',
      '08:00',
      '08:00',
    ]);
    expect(text('auto-saved-by')).toContain('autoSavedBy Anna');
  });

  it('keeps every edit when the save fails, and Retry saves them', async () => {
    const { service } = setUp();
    await ready();
    await click(byId('auto-csat-enabled'));
    await type(byId('auto-csat-delayHours'), '4');
    service.failNext.setAutomation = 'quota exceeded';
    await click(byId('auto-save'));
    await waitFor('the failure', () => byId('auto-save-failed'));
    expect(text('auto-save-failed')).toContain('quota exceeded');
    expect(byId('auto-csat-enabled')?.checked).toBe(true);
    expect(byId('auto-csat-delayHours')?.value).toBe('4');
    expect(service.state.automation).toBeUndefined();

    await click(byId('auto-save-retry'));
    await waitFor('Saved', () => text('auto-save-status') === 'autoSaved');
    expect(service.state.automation?.settings.csat).toMatchObject({ enabled: true, delayHours: 4 });
  });

  it('shows an .ics file’s holidays and problems before adding them, and adds them on request', async () => {
    const { service } = setUp({
      automation: { settings: warsawTeam(), updatedAt: NOW - 60_000, author: 'Bo' },
    });
    await ready();
    const ics = [
      'BEGIN:VCALENDAR',
      'VERSION:2.0',
      'BEGIN:VEVENT',
      'UID:1',
      'DTSTART;VALUE=DATE:20261111',
      'RRULE:FREQ=YEARLY',
      'SUMMARY:Narodowe Święto Niepodległości',
      'END:VEVENT',
      'BEGIN:VEVENT',
      'UID:2',
      'DTSTART;TZID=Europe/Warsaw:20261223T140000',
      'SUMMARY:Wigilia firmowa',
      'END:VEVENT',
      'END:VCALENDAR',
    ].join('\r\n');
    await chooseFile('auto-calendars-0-ics', 'swieta.ics', ics);
    const preview = await waitFor('the preview', () => byId('auto-ics-preview'));
    // 11 November in 2026, 2027 and 2028, and the timed event's date.
    expect(preview.textContent).toContain('autoIcsFound_other 4 swieta.ics');
    expect(preview.textContent).toContain('2028-11-11');
    expect(text('auto-ics-problems')).toContain('autoIcsTimed Wigilia firmowa 2026-12-23');
    expect(byId('auto-calendars-0-holidays-0-date')).toBeNull();

    await click(byId('auto-ics-apply'));
    expect(byId('auto-ics-preview')).toBeNull();
    expect(byId('auto-calendars-0-holidays-0-date')?.value).toBe('2026-11-11');
    expect(byId('auto-calendars-0-holidays-3-date')?.value).toBe('2028-11-11');
    await click(byId('auto-save'));
    await waitFor('Saved', () => text('auto-save-status') === 'autoSaved');
    expect(service.state.automation?.settings.calendars[0]?.holidays).toHaveLength(4);
  });

  it('names a broken line of an .ics file and adds nothing', async () => {
    setUp();
    await ready();
    await chooseFile(
      'auto-calendars-0-ics',
      'broken.ics',
      'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nGARBAGE\r\nEND:VCALENDAR',
    );
    const preview = await waitFor('the preview', () => byId('auto-ics-preview'));
    expect(preview.className).toBe('ld-alert');
    expect(text('auto-ics-problems')).toContain('autoIcsSyntaxAt 3');
    expect(byId('auto-ics-apply')).toBeNull();
  });

  it('shows a refused value next to its field, saves nothing, and clears the message once fixed', async () => {
    const { service } = setUp();
    await ready();
    await type(byId('auto-csat-delayHours'), '30');
    await type(byId('auto-sla-targets-0-firstResponseHours'), '');
    await click(byId('auto-save'));
    await waitFor('the problems', () => byId('auto-save-problems'));
    expect(text('auto-save-problems')).toContain('autoProblems_other 2');
    const delay = byId('auto-csat-delayHours');
    expect(delay?.getAttribute('aria-invalid')).toBe('true');
    expect(delay?.getAttribute('aria-describedby')).toContain('auto-csat-delayHours-error');
    expect(text('auto-csat-delayHours-error')).not.toBe('');
    expect(text('auto-sla-targets-0-firstResponseHours-error')).not.toBe('');
    expect(document.activeElement?.id).toBe('auto-sla-targets-0-firstResponseHours');
    expect(service.calls.some((call) => call.method === 'setAutomation')).toBe(false);

    await type(byId('auto-csat-delayHours'), '3');
    await type(byId('auto-sla-targets-0-firstResponseHours'), '8');
    await waitFor('the errors gone', () => byId('auto-save-problems') === null);
    expect(byId('auto-csat-delayHours')?.getAttribute('aria-invalid')).toBeNull();
    await click(byId('auto-save'));
    await waitFor('Saved', () => text('auto-save-status') === 'autoSaved');
    expect(service.state.automation?.settings.sla.targets[0]?.firstResponseHours).toBe(8);
  });

  it('refuses a week with every day closed and an interval that ends before it starts', async () => {
    const { service } = setUp({ automation: { settings: warsawTeam(), updatedAt: NOW, author: 'Bo' } });
    await ready();
    await type(byId('auto-calendars-0-hours-0-end'), '08:00');
    await click(byId('auto-save'));
    await waitFor('the interval error', () => byId('auto-calendars-0-hours-0-error'));
    expect(text('auto-calendars-0-hours-0-error')).toBe('autoErrorIntervalOrder');
    await type(byId('auto-calendars-0-hours-0-end'), '17:00');
    for (const day of [1, 2, 3, 4, 5]) await click(byId(`auto-calendars-0-day-${day}-closed`));
    await click(byId('auto-save'));
    await waitFor('the week error', () => byId('auto-calendars-0-hours-error'));
    expect(text('auto-calendars-0-hours-error')).toBe('autoErrorNoOpenDay');
    expect(service.calls.some((call) => call.method === 'setAutomation')).toBe(false);
  });

  it('removes a holiday with Undo, and Reset goes back to what is saved', async () => {
    const settings = warsawTeam();
    settings.calendars[0]?.holidays.push({ date: '2026-12-25', name: 'Boże Narodzenie' });
    setUp({ automation: { settings, updatedAt: NOW, author: 'Bo' } });
    await ready();
    await click(
      [...document.querySelectorAll('button')].find((b) =>
        b.textContent?.includes('autoHolidayRemove Boże Narodzenie'),
      ),
    );
    expect(byId('auto-calendars-0-holidays-0-date')).toBeNull();
    await waitFor('Undo focused', () => document.activeElement?.id === 'auto-holiday-undo');
    await click(byId('auto-holiday-undo'));
    expect(byId('auto-calendars-0-holidays-0-date')?.value).toBe('2026-12-25');

    await type(byId('auto-calendars-0-name'), 'Biuro');
    await click(byId('auto-acknowledgement-enabled'));
    await click(byId('auto-reset'));
    expect(byId('auto-calendars-0-name')?.value).toBe('Team');
    expect(byId('auto-acknowledgement-enabled')?.checked).toBe(false);
  });

  it('offers a calendar per group from the team, and a removed calendar is named as missing', async () => {
    const { service } = setUp({ automation: { settings: warsawTeam(), updatedAt: NOW, author: 'Bo' } });
    await ready();
    await click(byId('auto-calendar-add'));
    await waitFor('the new calendar focused', () => document.activeElement?.id === 'auto-calendars-1-name');
    await type(byId('auto-calendars-1-name'), 'Tokyo');
    await type(byId('auto-calendars-1-timeZone'), 'Asia/Tokyo');
    await type(byId<HTMLSelectElement>('auto-sla-groupCalendars-Second line'), 'cal-2');
    await click(byId('auto-save'));
    await waitFor('Saved', () => text('auto-save-status') === 'autoSaved');
    expect(service.state.automation?.settings.sla.groupCalendars).toEqual({ 'Second line': 'cal-2' });

    await click(byId('auto-calendars-1-remove'));
    await click(byId('auto-save'));
    await waitFor('the missing calendar', () => byId('auto-sla-groupCalendars-Second line-error'));
    expect(text('auto-sla-groupCalendars-Second line-error')).toBe('autoErrorCalendarMissing');
  });

  it('mounts the rules editor: a new rule left empty is refused with its problems under the rules', async () => {
    const { service } = setUp();
    await ready();
    await click(byId('rules-add'));
    await click(byId('auto-save'));
    const problems = await waitFor('the rules problems', () => byId('auto-rules-error'));
    expect(problems.textContent).toContain('#1: ');
    expect(service.calls.some((call) => call.method === 'setAutomation')).toBe(false);
    expect(service.state.automation).toBeUndefined();
  });

  it('shows the runner and its last pass, or that its status is not available', async () => {
    const status: RunnerStatus = {
      mode: 'any',
      holder: { runner: 'browser-1', kind: 'browser', agent: 'Bo', renewedAt: NOW - 60_000 },
      thisBrowser: false,
      lastPass: {
        at: NOW - 120_000,
        acknowledged: 3,
        surveys: 1,
        answersRecorded: 0,
        reminders: 0,
        closed: 0,
        escalated: 2,
        rulesApplied: 5,
        skipped: 1,
        unitsUsed: 420,
      },
    };
    const { service } = setUp({ runner: status });
    await ready();
    await waitFor('the status', () => text('auto-runner-status').includes('autoRunnerHeldByBrowser Bo'));
    expect(text('auto-runner-status')).toContain('420');
    await click(byId('auto-runner-worker'));
    service.state.runner = 'The runner status is not available in this build yet';
    await click(byId('auto-runner-refresh'));
    await waitFor('not available', () => text('auto-runner-status').includes('autoRunnerUnavailable'));
    await click(byId('auto-save'));
    await waitFor('Saved', () => text('auto-save-status') === 'autoSaved');
    expect(service.state.automation?.settings.runner).toBe('worker');
  });

  it('says the settings could not be loaded, and Retry loads them', async () => {
    const fake = fakeAutomationService({ me: 'Anna' });
    fake.failNext.getAutomation = 'offline';
    const root = document.createElement('div');
    document.body.append(root);
    render(<AutomationSettings service={fake} mailbox={MAILBOX} language="en" now={() => NOW} />, root);
    const alert = await waitFor('the alert', () => byId('auto-load-failed'));
    expect(alert.textContent).toContain('offline');
    await click(alert.querySelector('button'));
    await ready();
  });
});
