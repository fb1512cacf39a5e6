import { GmailIdError, threadIdFromToken } from '../../../src/gmail/dom/thread-token';
import type { PageLabel, PageMailbox } from '../contracts';
import { DEFAULT_LAYOUT, type PageLayout } from './layout';
import {
  type RenderContext,
  type RenderedView,
  renderList,
  renderMissingThread,
  renderThread,
} from './render';
import { parseRoute } from './routes';

/**
 * The mailbox for one request, its label list read once: a page render asks for it several times (title, nav,
 * label lookups) and counting labels walks every thread. A write (reply, mark read) forgets the copy.
 */
export function mailboxForOneRequest(mailbox: PageMailbox): PageMailbox {
  let labels: PageLabel[] | undefined;
  return {
    emailAddress: () => mailbox.emailAddress(),
    displayName: () => mailbox.displayName(),
    labels: () => {
      labels ??= mailbox.labels();
      return labels;
    },
    listThreads: (opts) => mailbox.listThreads(opts),
    getThread: (threadId) => mailbox.getThread(threadId),
    reply: (opts) => {
      labels = undefined;
      return mailbox.reply(opts);
    },
    markThreadRead: (threadId) => {
      labels = undefined;
      mailbox.markThreadRead(threadId);
    },
  };
}

/** The thread a URL segment names: a Gmail token, or a legacy hex id (Gmail still opens those). */
export function threadIdFromSegment(segment: string): string | undefined {
  if (/^[0-9a-f]{12,16}$/.test(segment)) return segment;
  try {
    return threadIdFromToken(segment);
  } catch (error) {
    if (error instanceof GmailIdError) return undefined;
    throw error;
  }
}

/** What `location.hash` shows: a list, or an opened thread (opening it marks it read, as Gmail does). */
export function resolveView(
  hash: string,
  context: RenderContext,
  layout: PageLayout = DEFAULT_LAYOUT,
): RenderedView {
  const route = parseRoute(hash);
  if (route.thread === undefined) return renderList(route, context, layout);
  const threadId = threadIdFromSegment(route.thread);
  // Gmail's ids carry no leading zeros; a mailbox that pads its ids to 16 digits is looked up both ways.
  const thread =
    threadId === undefined
      ? undefined
      : (context.mailbox.getThread(threadId) ?? context.mailbox.getThread(threadId.padStart(16, '0')));
  if (!thread) return renderMissingThread(route, context);
  if (thread.messages.some((message) => message.unread)) context.mailbox.markThreadRead(thread.threadId);
  // With the reading pane on, Gmail keeps the list and shows the thread beside it.
  if (layout.readingPane === 'right') return renderList(route, context, layout, thread);
  return renderThread(route, thread, context, layout);
}
