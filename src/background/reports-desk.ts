/**
 * The reports page's one service-worker method (issue 7): reading ticket timelines on demand. Being built:
 * until then it answers with a clear error instead of a made-up count.
 */
import { LabeldeskError } from '../messaging/errors';
import type { DeskServices } from './desk';
import type { DeskHandlers } from './handlers';

export type ReportsHandlers = Pick<DeskHandlers, 'reports.prepare'>;

export function createReportsDesk(_services: DeskServices): ReportsHandlers {
  return {
    'reports.prepare': async () => {
      throw new LabeldeskError('internal', 'Reports are not available in this version');
    },
  };
}
