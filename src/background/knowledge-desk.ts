/**
 * The knowledge base's methods over the mailbox's article records (issue 7). Being built: until then each
 * method answers with a clear error instead of a made-up result.
 */
import { LabeldeskError } from '../messaging/errors';
import type { DeskServices } from './desk';
import type { DeskHandlers } from './handlers';

export type KnowledgeHandlers = Pick<
  DeskHandlers,
  'kb.list' | 'kb.save' | 'kb.delete' | 'kb.search' | 'kb.candidates'
>;

export function createKnowledgeDesk(_services: DeskServices): KnowledgeHandlers {
  const missing = async (): Promise<never> => {
    throw new LabeldeskError('internal', 'The knowledge base is not available in this version');
  };
  return {
    'kb.list': missing,
    'kb.save': missing,
    'kb.delete': missing,
    'kb.search': missing,
    'kb.candidates': missing,
  };
}
