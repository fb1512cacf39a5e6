import { describe, expect, it } from 'vitest';
import { decideTicket } from '../core/ticket-rule';
import { teamRule } from './sync-runner';

describe('teamRule', () => {
  const config = {
    agents: [{ name: 'Anna', email: 'anna@northwind-shop.example', groups: [], lead: true }],
    labelPrefix: 'Helpdesk',
    teamDomains: ['northwind-warehouse.example'],
    tags: [],
  };
  const from = (address: string) => ({
    labelIds: ['INBOX'],
    firstMessageHeaders: [{ name: 'From', value: address }],
  });

  it('is the mailbox alone until a team config exists', () => {
    const rule = teamRule('support@northwind-shop.example', undefined);
    expect(decideTicket(from('anna@northwind-shop.example'), rule).ticket).toBe(true);
    expect(decideTicket(from('support@northwind-shop.example'), rule).ticket).toBe(false);
  });

  it('then includes every agent and the team’s domains', () => {
    const rule = teamRule('support@northwind-shop.example', config);
    expect(decideTicket(from('Anna <anna@northwind-shop.example>'), rule).ticket).toBe(false);
    expect(decideTicket(from('ops@northwind-warehouse.example'), rule).ticket).toBe(false);
    expect(decideTicket(from('jan@firma.example.pl'), rule).ticket).toBe(true);
  });
});
