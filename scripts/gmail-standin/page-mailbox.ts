/** The Gmail-like page's view of the mailbox (contracts.ts `PageMailbox`): same data, no quota. */
import type { PageLabel, PageMailbox, PageMessage, PageThread, PageThreadSummary } from './contracts';
import type { Mailbox, StoredMessage } from './mailbox';

function pageMessage(message: StoredMessage): PageMessage {
  return {
    messageId: message.id,
    threadId: message.threadId,
    rfc822MessageId: message.rfc822MessageId,
    from: message.fromAddress,
    to: message.toAddresses,
    cc: message.ccAddresses,
    date: message.internalDate,
    subject: message.subject,
    snippet: message.snippet,
    ...(message.text !== undefined ? { text: message.text } : {}),
    ...(message.html !== undefined ? { html: message.html } : {}),
    attachments: message.attachments,
    unread: message.labelIds.includes('UNREAD'),
  };
}

export function pageMailboxOf(current: () => Mailbox): PageMailbox {
  const userLabelNames = (mailbox: Mailbox, labelIds: string[]) =>
    labelIds.flatMap((id) => {
      const label = mailbox.labels.get(id);
      return label && label.type === 'user' ? [label.name] : [];
    });
  const threadLabelIds = (messages: StoredMessage[]) => [...new Set(messages.flatMap((m) => m.labelIds))];

  return {
    emailAddress: () => current().emailAddress,
    displayName: () => current().displayName,
    labels(): PageLabel[] {
      const mailbox = current();
      return [...mailbox.labels.values()].map((label) => {
        const counts = mailbox.labelCounts(label.id);
        return {
          id: label.id,
          name: label.name,
          type: label.type,
          threadsUnread: counts.threadsUnread,
          threadsTotal: counts.threadsTotal,
        };
      });
    },
    listThreads({ labelId, query, offset, limit }) {
      const mailbox = current();
      const ids = mailbox.listThreads({
        ...(labelId ? { labelIds: [labelId] } : {}),
        ...(query ? { q: query } : {}),
      });
      const threads: PageThreadSummary[] = ids.slice(offset, offset + limit).map((threadId) => {
        const messages = mailbox.threadMessages(threadId);
        const newest = messages.at(-1);
        const labelIds = threadLabelIds(messages);
        const senders = messages
          .map((m) => m.fromAddress)
          .filter((a, i, all) => all.findIndex((b) => b.email === a.email) === i);
        return {
          threadId,
          subject: messages[0]?.subject ?? '',
          snippet: newest?.snippet ?? '',
          senders,
          messageCount: messages.length,
          lastDate: newest?.internalDate ?? 0,
          unread: labelIds.includes('UNREAD'),
          starred: labelIds.includes('STARRED'),
          important: labelIds.includes('IMPORTANT'),
          labelIds,
          labelNames: userLabelNames(mailbox, labelIds),
        };
      });
      return { threads, total: ids.length };
    },
    getThread(threadId): PageThread | undefined {
      const mailbox = current();
      if (!mailbox.threads.has(threadId)) return undefined;
      const messages = mailbox.threadMessages(threadId);
      const labelIds = threadLabelIds(messages);
      return {
        threadId,
        subject: messages[0]?.subject ?? '',
        labelIds,
        labelNames: userLabelNames(mailbox, labelIds),
        messages: messages.map(pageMessage),
      };
    },
    reply({ threadId, text, html }) {
      return { messageId: current().addComposedReply(threadId, text, html).id };
    },
    markThreadRead(threadId) {
      const mailbox = current();
      for (const message of mailbox.threadMessages(threadId)) mailbox.applyLabels(message, [], ['UNREAD']);
    },
  };
}
