/**
 * The reports page's one service-worker method (issue 7): reading ticket timelines on demand. Asking marks
 * the mailbox in this browser's store; each poll then reads a few threads' timelines (sync-runner.ts) until
 * none is pending. Only browsers whose agent opened the reports spend quota on it (DESIGN.md section 3).
 */
import { requestTimelines } from '../store/report-inputs';
import type { DeskServices } from './desk';
import type { DeskHandlers } from './handlers';

export type ReportsHandlers = Pick<DeskHandlers, 'reports.prepare'>;

export function createReportsDesk(services: DeskServices): ReportsHandlers {
  return {
    'reports.prepare': async ({ mailbox }) => {
      const { engine, db } = await services.mailboxFor(mailbox);
      await requestTimelines(db, services.now());
      // Two counts (the pending index and the store): no ticket is read.
      return engine.timelineProgress();
    },
  };
}
