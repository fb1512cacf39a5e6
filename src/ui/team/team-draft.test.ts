import { describe, expect, it } from 'vitest';
import type { TeamConfig } from '../../core/team-config';
import {
  agentNames,
  draftFromConfig,
  draftInput,
  fieldIdOf,
  fieldIds,
  splitDomains,
  splitGroups,
} from './team-draft';

const TEAM: TeamConfig = {
  agents: [{ name: 'Anna', email: 'anna@shop.example', groups: ['Billing', 'Returns'], lead: true }],
  labelPrefix: 'Helpdesk',
  teamDomains: ['shop.example', 'example.org'],
  tags: [{ path: 'Shipping', description: 'Delivery' }, { path: 'Pre-sales' }],
  checksBeforeSending: true,
};

describe('the team draft', () => {
  it('round-trips a config', () => {
    expect(draftInput(draftFromConfig(TEAM))).toEqual(TEAM);
  });

  it('reads a config written before "check replies before sending" existed as off, and writes it out', () => {
    const { checksBeforeSending: _setting, ...old } = TEAM;
    expect(draftFromConfig(old).checksBeforeSending).toBe(false);
    expect(draftInput(draftFromConfig(old))).toEqual({ ...old, checksBeforeSending: false });
  });

  it('gives every row its own key', () => {
    const a = draftFromConfig(TEAM);
    const b = draftFromConfig(TEAM);
    const keys = [...a.agents, ...a.tags, ...b.agents, ...b.tags].map((row) => row.key);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it.each([
    ['Billing, Returns', ['Billing', 'Returns']],
    [' Billing ,, returns, BILLING ', ['Billing', 'returns']],
    ['', []],
  ])('splits groups %j', (text, groups) => {
    expect(splitGroups(text)).toEqual(groups);
  });

  it.each([
    ['shop.example, example.org', ['shop.example', 'example.org']],
    ['@Shop.Example\nexample.org; shop.example', ['shop.example', 'example.org']],
    ['  ', []],
  ])('splits domains %j', (text, domains) => {
    expect(splitDomains(text)).toEqual(domains);
  });

  it('trims what was typed and leaves out empty descriptions', () => {
    const draft = draftFromConfig(TEAM);
    const agent = draft.agents[0];
    const tag = draft.tags[0];
    if (agent === undefined || tag === undefined) throw new Error('no rows');
    agent.name = '  Anna ';
    tag.description = '   ';
    expect(draftInput(draft).agents[0]?.name).toBe('Anna');
    expect(draftInput(draft).tags[0]).toEqual({ path: 'Shipping' });
  });

  it('lists the names for "I am" without blanks or repeats', () => {
    const draft = draftFromConfig({
      ...TEAM,
      agents: [
        { name: 'Anna', email: 'a@x.example', groups: [], lead: false },
        { name: ' ', email: 'b@x.example', groups: [], lead: false },
        { name: 'Anna ', email: 'c@x.example', groups: [], lead: false },
        { name: 'Bo', email: 'd@x.example', groups: [], lead: false },
      ],
    });
    expect(agentNames(draft)).toEqual(['Anna', 'Bo']);
  });

  it('maps problem paths to the fields at fault', () => {
    const draft = draftFromConfig(TEAM);
    const agent = draft.agents[0]?.key ?? '';
    const tag = draft.tags[1]?.key ?? '';
    expect(fieldIdOf(draft, ['agents', 0, 'email'])).toBe(fieldIds.agentEmail(agent));
    expect(fieldIdOf(draft, ['agents', 0, 'groups', 1])).toBe(fieldIds.agentGroups(agent));
    expect(fieldIdOf(draft, ['agents', 0, 'name'])).toBe(fieldIds.agentName(agent));
    expect(fieldIdOf(draft, ['agents'])).toBe(fieldIds.agents);
    expect(fieldIdOf(draft, ['tags', 1, 'description'])).toBe(fieldIds.tagDescription(tag));
    expect(fieldIdOf(draft, ['tags', 1, 'path'])).toBe(fieldIds.tagPath(tag));
    expect(fieldIdOf(draft, ['tags', 9, 'path'])).toBe(fieldIds.tags);
    expect(fieldIdOf(draft, ['teamDomains', 1])).toBe(fieldIds.teamDomains);
    expect(fieldIdOf(draft, ['labelPrefix'])).toBe(fieldIds.labelPrefix);
  });
});
