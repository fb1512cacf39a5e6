import { describe, expect, it } from 'vitest';
import { planMacro } from '../../../src/core/macros';
import { recordFromJson, type SharedRecord } from '../../../src/core/records';
import { TEMPLATE_LANGUAGES } from '../../../src/core/templates';
import { expandAt } from '../../../src/core/text-shortcuts';
import { Mailbox, StandinClock } from '../mailbox';
import { DEMO_RECORDS_LABEL, DEMO_TEAM_CONFIG } from './demo-records';
import { DEMO_MAILBOX, loadSeed } from './index';

const NOW = new Date('2026-11-23T09:30:00Z');
const DAY_MS = 86_400_000;

const threads = loadSeed('demo', NOW).threads.filter((t) => t.labels.includes(DEMO_RECORDS_LABEL));

function records(): SharedRecord[] {
  return threads.map((thread) => {
    const read = recordFromJson(thread.messages[0]?.text ?? '');
    if (!read.ok) throw new Error(read.problem);
    return read.record;
  });
}

function recordOf<K extends SharedRecord['kind']>(kind: K): Extract<SharedRecord, { kind: K }> {
  const found = records().find((r) => r.kind === kind);
  if (!found) throw new Error(`no ${kind} record`);
  return found as Extract<SharedRecord, { kind: K }>;
}

describe('the demo shared records', () => {
  it('are record messages from the mailbox under the hidden records label, read back as Labeldesk reads them', () => {
    expect(threads).toHaveLength(3 + 25);
    for (const thread of threads) {
      expect(thread.labels).toEqual([DEMO_RECORDS_LABEL]);
      const [message] = thread.messages;
      expect(message?.from.email).toBe(DEMO_MAILBOX.emailAddress);
      expect(message?.headers?.['X-Labeldesk-Record']).toMatch(/^(config|templates|automation|csat); v=1$/);
      expect(message?.date.getTime()).toBeLessThan(NOW.getTime());
    }
    expect(records().map((r) => r.kind)).toEqual([
      'config',
      'templates',
      'automation',
      ...Array.from({ length: 25 }, () => 'csat'),
    ]);
  });

  it('turn on the acknowledgement and the CSAT survey a minute before the demo starts, on Warsaw office hours', () => {
    const record = recordOf('automation');
    expect(record.createdAt).toBe(NOW.getTime() - 60_000);
    expect(record.settings.acknowledgement.enabled).toBe(true);
    expect(record.settings.csat).toMatchObject({ enabled: true, delayHours: 2 });
    expect(record.settings.calendars[0]).toMatchObject({ timeZone: 'Europe/Warsaw' });
    expect(record.settings.calendars[0]?.hours).toHaveLength(5);
    // The rule's group is one the team has, and its round-robin has agents in it.
    const group = record.settings.rules[0]?.actions.group;
    expect(DEMO_TEAM_CONFIG.agents.filter((a) => group && a.groups.includes(group)).length).toBeGreaterThan(
      1,
    );
  });

  it('set up the four agents of the demo mailbox', () => {
    expect(recordOf('config').config).toEqual(DEMO_TEAM_CONFIG);
    expect(recordOf('config').createdAt).toBe(NOW.getTime() - 59 * DAY_MS);
  });

  it('share the six starter templates, each in four languages, and the three shortcuts of the seed', () => {
    const { library } = recordOf('templates');
    expect(library.templates).toHaveLength(6);
    for (const template of library.templates) {
      expect(template.variants.map((v) => v.language).sort()).toEqual([...TEMPLATE_LANGUAGES].sort());
    }
    expect(library.shortcuts).toEqual([
      { abbreviation: 'Зд', expansion: 'Здравствуйте,' },
      { abbreviation: 'пож', expansion: 'пожалуйста,' },
      { abbreviation: 'демоо', expansion: 'https://demo.labeldesk.example/' },
    ]);
    expect(expandAt('Зд', ' ', library.shortcuts)?.replacement).toBe('Здравствуйте, ');
    expect(expandAt('демо', ' ', library.shortcuts)).toBeUndefined();
  });

  it('hold macros that apply with the demo team: templates present, agents, groups and tags known', () => {
    const { library } = recordOf('templates');
    expect(library.macros.map((m) => m.name)).toEqual([
      'Ask for details',
      'Solve and close',
      'Escalate to billing',
      'Order not received',
    ]);
    const ticket = { status: 'Open' as const, tags: [] };
    const templateIds = library.templates.map((t) => t.id);
    for (const macro of library.macros) {
      const plan = planMacro(macro, { ticket, team: DEMO_TEAM_CONFIG, templateIds, me: 'Anna Kowalska' });
      expect(plan.ok, macro.name).toBe(true);
    }
    const escalate = library.macros.find((m) => m.name === 'Escalate to billing');
    expect(planMacro(escalate, { ticket, team: DEMO_TEAM_CONFIG, templateIds, me: 'Anna Kowalska' })).toEqual(
      expect.objectContaining({
        patch: {
          group: 'Billing',
          assignee: 'Dmitri Sokolov',
          priority: 'High',
          addTags: [{ what: 'Payments', why: 'Payment error' }],
        },
        notify: { agent: 'Dmitri Sokolov' },
      }),
    );
  });

  it('hold 25 CSAT answers of solved and closed tickets, mostly good, four bad with the customer’s words', () => {
    const answers = records().filter((r) => r.kind === 'csat');
    expect(answers).toHaveLength(25);
    const count = (rating: string) => answers.filter((a) => a.rating === rating).length;
    expect([count('good'), count('okay'), count('bad')]).toEqual([16, 5, 4]);
    for (const bad of answers.filter((a) => a.rating === 'bad'))
      expect(bad.comment?.length).toBeGreaterThan(20);
    // Each is about a real ticket of the stand-in's mailbox, answered after its last team reply and before now.
    const standin = Mailbox.fromSeed(loadSeed('demo', NOW), [], new StandinClock(NOW));
    const solvedIds = ['Helpdesk/Status/Solved', 'Helpdesk/Status/Closed'].map(
      (name) => standin.findLabelByName(name)?.id,
    );
    for (const answer of answers) {
      const messages = standin.threadMessages(answer.threadId);
      expect(messages.some((m) => m.labelIds.some((id) => solvedIds.includes(id)))).toBe(true);
      const lastReply = Math.max(
        ...messages.filter((m) => m.labelIds.includes('SENT')).map((m) => Number(m.internalDate)),
      );
      expect(answer.answeredAt).toBeGreaterThan(lastReply);
      expect(answer.createdAt).toBeLessThan(NOW.getTime());
    }
    // Marcus Reid's third email about one late order ends in a bad rating, in his words.
    const marcus = answers.find((a) =>
      standin
        .threadMessages(a.threadId)
        .some((m) => m.labelIds.includes('INBOX') && m.subject?.includes('THIRD TIME')),
    );
    expect(marcus).toMatchObject({ rating: 'bad', comment: expect.stringMatching(/Three emails/) });
  });
});
