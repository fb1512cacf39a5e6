// @vitest-environment happy-dom
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { TicketPatchArgs } from '../../messaging/contract';
import { byLabel, choose, mount, TEAM, TICKET, unmount, useEnglish } from './testing';
import { TicketFields } from './ticket-fields';

let restore: () => void;
beforeAll(() => {
  restore = useEnglish();
});
afterAll(() => restore());
afterEach(unmount);

function fields(
  ticket = TICKET,
  { team, me }: { team: typeof TEAM | undefined; me: string | undefined } = { team: TEAM, me: 'Anna' },
) {
  const patches: TicketPatchArgs[] = [];
  const root = mount(
    <TicketFields
      ticket={ticket}
      team={team}
      me={me}
      onChange={(patch) => patches.push(patch)}
      onOpenOptions={() => {}}
    />,
  );
  const options = (name: string) =>
    [...(byLabel(root, name) as HTMLSelectElement).options].map(
      (option) => `${option.value}=${option.textContent}`,
    );
  return { root, patches, options };
}

describe('the ticket fields', () => {
  it('offers translated statuses and priorities, the team and its groups', () => {
    const { options } = fields();
    expect(options('Status')).toEqual([
      'New=New',
      'Open=Open',
      'Pending=Pending',
      'On hold=On hold',
      'Solved=Solved',
      'Closed=Closed',
    ]);
    expect(options('Priority')).toEqual([
      '=No priority',
      'Low=Low',
      'Normal=Normal',
      'High=High',
      'Urgent=Urgent',
    ]);
    expect(options('Assignee')).toEqual([
      '=Unassigned',
      'Anna=Anna (me)',
      'Piotr Nowak=Piotr Nowak',
      'Yuki=Yuki',
    ]);
    expect(options('Group')).toEqual(['=No group', 'Billing=Billing', 'Logistics=Logistics']);
  });

  it('adds the assignees and groups the mailbox has labels for, after the team, each once', () => {
    const { options } = fields(TICKET, {
      team: { ...TEAM, labels: { assignees: ['yuki', 'Dmitri Sokolov'], groups: ['Shipping'], tags: [] } },
      me: 'Anna',
    });
    expect(options('Assignee')).toEqual([
      '=Unassigned',
      'Anna=Anna (me)',
      'Piotr Nowak=Piotr Nowak',
      'Yuki=Yuki',
      'Dmitri Sokolov=Dmitri Sokolov',
    ]);
    expect(options('Group')).toEqual([
      '=No group',
      'Billing=Billing',
      'Logistics=Logistics',
      'Shipping=Shipping',
    ]);
  });

  it('keeps a current value the team no longer has', () => {
    const { options } = fields({ ...TICKET, assignee: 'Former agent', group: 'Old group' });
    expect(options('Assignee')).toContain('Former agent=Former agent');
    expect(options('Group')).toContain('Old group=Old group');
  });

  it('sends one field per change, null for the empty option', async () => {
    const { root, patches } = fields();
    await choose(byLabel(root, 'Status'), 'Pending');
    await choose(byLabel(root, 'Priority'), '');
    await choose(byLabel(root, 'Assignee'), 'Yuki');
    await choose(byLabel(root, 'Group'), 'Logistics');
    expect(patches).toEqual([
      { status: 'Pending' },
      { priority: null },
      { assignee: 'Yuki' },
      { group: 'Logistics' },
    ]);
  });

  it('shows no set-up hint while the team is still loading', () => {
    const { root, options } = fields(TICKET, { team: undefined, me: undefined });
    expect(root.textContent).not.toContain('Set up the team');
    expect(options('Assignee')).toEqual(['=Unassigned', 'Anna=Anna']);
  });
});
