import { describe, expect, it } from 'vitest';
import { teamConfigViewSchema, teamGroups } from './team-config';
import { teamConfigSchema } from './team-config-schema';

const config = {
  agents: [
    { name: 'Anna Kowalska', email: 'anna@shop.example', groups: ['Shipping', 'Billing'] },
    { name: 'Yuki Tanaka', email: 'yuki@shop.example', groups: ['Billing'], lead: true },
  ],
};

describe('the team config', () => {
  it('fills the defaults and lists each group once, sorted', () => {
    const parsed = teamConfigSchema.parse(config);
    expect(parsed).toMatchObject({ labelPrefix: 'Helpdesk', teamDomains: [], tags: [] });
    expect(parsed.agents[0]?.lead).toBe(false);
    expect(teamGroups(parsed)).toEqual(['Billing', 'Shipping']);
  });

  it('refuses an agent address that is not one where configs are written, and bounds it where they are shown', () => {
    const broken = { agents: [{ name: 'Anna', email: 'anna at shop' }] };
    expect(teamConfigSchema.safeParse(broken).success).toBe(false);
    // The content script reads the worker's answer: shape and bounds, the address as the worker checked it.
    expect(teamConfigViewSchema.safeParse(broken).success).toBe(true);
    expect(
      teamConfigViewSchema.safeParse({ agents: [{ name: 'Anna', email: 'x'.repeat(321) }] }).success,
    ).toBe(false);
  });
});
