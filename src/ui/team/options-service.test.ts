import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../core/settings';
import type { TeamConfig } from '../../core/team-config';
import { type BackgroundCall, backgroundOptionsService } from './options-service';

const CONFIG: TeamConfig = { agents: [], labelPrefix: 'Helpdesk', teamDomains: [], tags: [] };

describe('the options service over the messaging contract', () => {
  it('maps each need of the page to one contract method', async () => {
    const calls: [string, unknown][] = [];
    const answers: Record<string, unknown> = {
      'team.mailboxes': { mailboxes: ['support@shop.example'] },
      'team.get': { mailbox: 'support@shop.example', config: null, me: '' },
      'team.set': { mailbox: 'support@shop.example', config: CONFIG, me: '' },
      'settings.get': DEFAULT_SETTINGS,
      'settings.set': DEFAULT_SETTINGS,
    };
    const call = (async (method: string, args: unknown) => {
      calls.push([method, args]);
      return answers[method];
    }) as BackgroundCall;
    const service = backgroundOptionsService(call);

    expect(await service.mailboxes()).toEqual(['support@shop.example']);
    await service.getTeam('support@shop.example');
    await service.setTeam('support@shop.example', CONFIG);
    await service.getSettings();
    await service.setSettings(DEFAULT_SETTINGS);
    expect(calls).toEqual([
      ['team.mailboxes', {}],
      ['team.get', { mailbox: 'support@shop.example' }],
      ['team.set', { mailbox: 'support@shop.example', config: CONFIG }],
      ['settings.get', {}],
      ['settings.set', DEFAULT_SETTINGS],
    ]);
  });
});
