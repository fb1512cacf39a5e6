/**
 * The automation methods of the service worker (issue 6): the team's automation settings (a shared record),
 * the runner's status and the rule preview. Kept apart from desk.ts, which serves the Gmail tabs.
 */
import { type AutomationSettings, defaultAutomationSettings } from '../core/automation-config';
import type { AutomationRecord } from '../core/records';
import type { AutomationView } from '../messaging/contract-automation';
import { LabeldeskError } from '../messaging/errors';
import type { Handlers } from '../messaging/receiver';
import type { DeskServices } from './desk';
import { rulesPreviewHandler } from './rules-preview';

export type AutomationMethod = 'automation.get' | 'automation.set' | 'runner.status' | 'rules.preview';
export type AutomationHandlers = Pick<Handlers, AutomationMethod>;

export function createAutomationDesk(services: DeskServices): AutomationHandlers {
  const recordsOf = async (mailbox: string) => {
    const { engine } = await services.mailboxFor(mailbox);
    if (!engine.records) throw new LabeldeskError('internal', 'Shared records need the mailbox address');
    return engine.records;
  };

  return {
    'automation.get': async ({ mailbox }) => automationView(await (await recordsOf(mailbox)).automation()),

    'automation.set': async ({ mailbox, settings }) => {
      await services.verifyMailbox(mailbox);
      const records = await recordsOf(mailbox);
      const name = (await services.loadSettings()).agentName;
      const stored = await records.setAutomation(settings as AutomationSettings, name || mailbox);
      services.announce(mailbox, [], true);
      if (stored.kind !== 'automation') throw new LabeldeskError('internal', 'The settings were not stored');
      return automationView(stored);
    },

    'runner.status': async ({ mailbox }) => {
      if (!services.runnerStatus) {
        throw new LabeldeskError('internal', 'This browser does not run automations');
      }
      return services.runnerStatus(mailbox);
    },

    'rules.preview': (args) => rulesPreviewHandler(services, args),
  };
}

/** The settings in force with who saved them and when; the defaults when nobody has yet. */
export function automationView(record: AutomationRecord | undefined): AutomationView {
  if (!record) return { settings: defaultAutomationSettings(), updatedAt: null, author: null };
  return { settings: record.settings, updatedAt: record.createdAt, author: record.author };
}
