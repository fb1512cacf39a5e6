// @vitest-environment happy-dom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { playAnswer } from '../../../test/fixtures/hostile/api';
import {
  addresses,
  allTexts,
  apiAnswers,
  labelNames,
  names,
  pwned,
  subjects,
} from '../../../test/fixtures/hostile/corpus';
import { toLabeldeskError } from '../../background/handlers';
import { createLabelCodec } from '../../core/label-codec';
import type { TeamView, TicketContext, TicketView } from '../../messaging/contract';
import { DeskActions } from '../actions';
import { fakeConnector } from '../connector';
import { SidebarFrame } from '../sidebar';
import { SIDEBAR_CSS } from '../sidebar-styles';
import { byLabel, CONTEXT, NOW, TEAM, TICKET, useEnglish, waitFor } from './testing';
import { TicketPanel } from './ticket-panel';

/**
 * Issue 8, hostile input in the sidebar: every text of the corpus (subjects, names, addresses, snippets, bodies,
 * attachment names, label names) put in every place the ticket panel shows mail or team text, and every bad
 * Gmail answer as the panel's error. Nothing may run (the payloads set `window.__pwned` or the title PWNED),
 * no element or handler may come from the data, the panel must still render its controls, and an unusable
 * answer must show a message.
 */
let restore: () => void;
beforeAll(() => {
  restore = useEnglish();
});
afterAll(() => restore());

const container = () => document.body.firstElementChild as HTMLElement;

afterEach(() => {
  const rendered = document.body.firstElementChild;
  if (rendered) act(() => render(null, rendered));
  document.body.innerHTML = '';
  document.title = '';
});

/** Elements the panel itself never renders: any of them in the sidebar came from the data. */
const FOREIGN =
  'script, iframe, img, svg, math, object, embed, style, link, meta, base, form, video, audio, details, x';

function assertInert(root: HTMLElement) {
  expect(pwned(window), 'a payload ran').toBe(false);
  expect(root.querySelectorAll(FOREIGN).length, 'elements made from the data').toBe(0);
  for (const element of root.querySelectorAll('*')) {
    for (const attribute of element.getAttributeNames()) {
      expect(attribute.startsWith('on'), `${element.tagName} ${attribute}`).toBe(false);
    }
    for (const name of ['href', 'src', 'action', 'formaction']) {
      expect(element.getAttribute(name) ?? '').not.toMatch(/^\s*(javascript|data|vbscript):/i);
    }
  }
}

function hostileTicket(text: string, email: string, name: string, tags: TicketView['tags']): TicketView {
  return {
    ...TICKET,
    subject: text,
    requester: { email, name },
    assignee: name,
    group: name,
    tags,
  };
}

function hostileContext(text: string, name: string): TicketContext {
  return {
    ...CONTEXT,
    notes: [{ id: 'n1', author: name, body: text, mentions: [name], createdAt: NOW - 60_000 }],
    activity: [
      { id: 'a1', actor: name, field: 'ticket', createdAt: NOW - 120_000 },
      { id: 'a2', actor: name, field: 'assignee', from: text, to: name, createdAt: NOW - 90_000 },
      { id: 'a3', actor: name, field: 'tags', from: text, to: text, createdAt: NOW - 60_000 },
    ],
    history: {
      sameSender: [
        {
          threadId: '18000000000000a1',
          reference: '#AB12CD',
          subject: text,
          status: 'Closed',
          tags: [],
          createdAt: NOW - 86_400_000,
        },
      ],
      sameDomain: [
        {
          threadId: '18000000000000a2',
          reference: '#AB12CE',
          subject: text,
          status: 'Open',
          tags: [{ what: text }],
          createdAt: NOW - 86_400_000,
        },
      ],
      ratings: [],
    },
  };
}

function hostileTeam(name: string): TeamView {
  const config = TEAM.config;
  if (!config) throw new Error('the test team has a config');
  return {
    ...TEAM,
    config: {
      ...config,
      agents: [...config.agents, { name, email: 'mallory@shop.example', groups: [name], lead: false }],
      tags: [...config.tags, { path: `${name}/x`, description: name }],
    },
  };
}

async function showPanel(ticket: TicketView, context: TicketContext, team: TeamView, pageSubject: string) {
  document.body.innerHTML = '<div></div>';
  const connector = fakeConnector({
    'ticket.get': () => ({ kind: 'ticket', ticket }),
    'ticket.context': () => context,
    'team.get': () => team,
    'ticket.update': () => ({ ticket }),
  });
  act(() =>
    render(
      <SidebarFrame>
        <TicketPanel
          connector={connector}
          actions={new DeskActions()}
          threadId={ticket.threadId}
          pageSubject={pageSubject}
          now={() => NOW}
        />
      </SidebarFrame>,
      container(),
    ),
  );
  // The panel rendered its controls and the notes and history arrived (the hostile text is in them).
  await waitFor(() => byLabel(container(), 'Status'), 'the Status control');
  await waitFor(() => container().querySelector('.note-body'), 'the note');
}

const at = <T,>(list: readonly T[], i: number): T => list[i % list.length] as T;

describe('hostile text in the ticket panel', () => {
  it('has at least 200 texts to try', () => {
    expect(allTexts.length).toBeGreaterThanOrEqual(200);
  });

  it.each(allTexts.map((c, i) => [c.id, c.value, i] as const))(
    '%s runs nothing and leaves the panel working',
    async (_, text, i) => {
      const name = at(names, i).value;
      const email = at(addresses, i).value;
      const ticket = hostileTicket(text, email, name, [{ what: text, why: name }]);
      await showPanel(ticket, hostileContext(text, name), hostileTeam(name), text);
      assertInert(container());
      // Shown as text, exactly (Preact escapes; nothing is trimmed into markup).
      const subject = container().querySelector('.ticket-subject');
      expect(subject?.textContent).toBe(text);
      expect(container().querySelector('.note-body')?.textContent).toBe(text);
      for (const control of ['Priority', 'Assignee', 'Group', 'Tags', 'Internal note']) {
        expect(byLabel(container(), control), control).not.toBeNull();
      }
    },
  );
});

describe('hostile label names', () => {
  const codec = createLabelCodec('Helpdesk');

  it.each(labelNames.map((c) => [c.id, c.value] as const))(
    '%s decodes without throwing or polluting, and its tags render inert',
    async (_, label) => {
      const decoded = codec.decode(['Helpdesk/Status/Open', label]);
      const repaired = codec.repair(['Helpdesk/Status/Open', label]);
      expect(decoded.state?.status ?? repaired.state?.status).toBeDefined();
      expect(Object.prototype).not.toHaveProperty('polluted');
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      const state = decoded.state ?? { status: 'Open' as const, tags: [] };
      const ticket: TicketView = {
        ...TICKET,
        status: state.status,
        assignee: state.assignee,
        group: state.group,
        tags: state.tags,
      };
      await showPanel(ticket, CONTEXT, TEAM, label);
      assertInert(container());
    },
  );
});

describe('bad Gmail answers in the ticket panel', () => {
  it.each(apiAnswers.filter((a) => a.expected !== 'ok').map((a) => [a.id, a] as const))(
    '%s shows a message with Try again, not a crash',
    async (_, answer) => {
      const outcome = await playAnswer(answer);
      if (outcome.ok) throw new Error('the answer was accepted');
      const error = toLabeldeskError(outcome.error);
      document.body.innerHTML = '<div></div>';
      const connector = fakeConnector({
        'ticket.get': () => Promise.reject(error),
        'ticket.context': () => CONTEXT,
        'team.get': () => TEAM,
      });
      act(() =>
        render(
          <SidebarFrame>
            <TicketPanel
              connector={connector}
              actions={new DeskActions()}
              threadId={TICKET.threadId}
              pageSubject={at(subjects, answer.id.length).value}
              now={() => NOW}
            />
          </SidebarFrame>,
          container(),
        ),
      );
      const alert = await waitFor(() => container().querySelector('[role=alert]'), 'the error notice');
      expect(alert.textContent).toContain('Gmail did not answer as expected');
      expect([...alert.querySelectorAll('button')].map((b) => b.textContent)).toContain('Try again');
      assertInert(container());
    },
  );
});

describe('sidebar styles keep hostile text inside the sidebar', () => {
  it('wraps unbroken text and shows subjects, names, notes and history without overflowing', () => {
    for (const selector of [
      '.ticket-subject',
      '.requester-email',
      '.note-body',
      '.history-subject',
      '.chip-text',
    ]) {
      const rule = new RegExp(`${selector.replace('.', '\\.')}[^{]*\\{[^}]*overflow-wrap: anywhere`);
      expect(SIDEBAR_CSS, selector).toMatch(rule);
    }
  });

  it('clips a subject of stacked combining marks that no line break can narrow', () => {
    // Chromium laid "Z͓͑͒…" (20 clusters of 18 marks) 28 px past the 320 px panel: the sidebar scrolled sideways.
    expect(SIDEBAR_CSS).toMatch(/\.ticket-subject \{[^}]*overflow-x: clip/);
  });
});
