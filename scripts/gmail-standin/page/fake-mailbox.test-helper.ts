import type { PageLabel, PageMailbox, PageMessage, PageThread, PageThreadSummary } from '../contracts';

/** A small in-memory `PageMailbox` for the page's unit tests: rendering needs data, not the real server. */
export class FakeMailbox implements PageMailbox {
  readonly replies: { threadId: string; text: string }[] = [];
  readonly markedRead: string[] = [];

  constructor(
    private readonly threads: PageThread[],
    private readonly userLabels: { id: string; name: string }[] = [],
  ) {}

  emailAddress(): string {
    return 'support@northwind-shop.example';
  }

  displayName(): string {
    return 'Northwind Support';
  }

  labels(): PageLabel[] {
    const count = (id: string): Pick<PageLabel, 'threadsTotal' | 'threadsUnread'> => {
      const withLabel = this.threads.filter((thread) => thread.labelIds.includes(id));
      return {
        threadsTotal: withLabel.length,
        threadsUnread: withLabel.filter((thread) => thread.messages.some((message) => message.unread)).length,
      };
    };
    const system = ['INBOX', 'STARRED', 'IMPORTANT', 'SENT', 'SPAM', 'TRASH'].map(
      (id): PageLabel => ({ id, name: id, type: 'system', ...count(id) }),
    );
    const user = this.userLabels.map((label): PageLabel => ({ ...label, type: 'user', ...count(label.id) }));
    return [...system, ...user];
  }

  listThreads(opts: { labelId?: string; query?: string; offset: number; limit: number }): {
    threads: PageThreadSummary[];
    total: number;
  } {
    const { labelId, query } = opts;
    const matching = this.threads.filter(
      (thread) =>
        (labelId === undefined || thread.labelIds.includes(labelId)) &&
        (query === undefined || thread.subject.toLowerCase().includes(query.toLowerCase())),
    );
    return {
      total: matching.length,
      threads: matching.slice(opts.offset, opts.offset + opts.limit).map((thread) => this.summary(thread)),
    };
  }

  getThread(threadId: string): PageThread | undefined {
    return this.threads.find((thread) => thread.threadId === threadId);
  }

  reply(opts: { threadId: string; text: string }): { messageId: string } {
    this.replies.push(opts);
    const thread = this.getThread(opts.threadId);
    if (!thread) throw new Error('no thread');
    const messageId = (BigInt(`0x${thread.threadId}`) + BigInt(thread.messages.length)).toString(16);
    thread.messages.push({
      ...message(
        messageId,
        thread.threadId,
        { email: this.emailAddress(), name: this.displayName() },
        opts.text,
      ),
      to: thread.messages[0] ? [thread.messages[0].from] : [],
    });
    return { messageId };
  }

  markThreadRead(threadId: string): void {
    this.markedRead.push(threadId);
    for (const item of this.getThread(threadId)?.messages ?? []) item.unread = false;
  }

  private summary(thread: PageThread): PageThreadSummary {
    const last = thread.messages[thread.messages.length - 1];
    return {
      threadId: thread.threadId,
      subject: thread.subject,
      snippet: last?.snippet ?? '',
      senders: thread.messages.map((item) => item.from),
      messageCount: thread.messages.length,
      lastDate: last?.date ?? 0,
      unread: thread.messages.some((item) => item.unread),
      starred: thread.labelIds.includes('STARRED'),
      important: thread.labelIds.includes('IMPORTANT'),
      labelIds: thread.labelIds,
      labelNames: thread.labelNames,
    };
  }
}

export function message(
  messageId: string,
  threadId: string,
  from: { email: string; name?: string },
  text: string,
  extra: Partial<PageMessage> = {},
): PageMessage {
  return {
    messageId,
    threadId,
    rfc822MessageId: `<${messageId}@test.example>`,
    from,
    to: [{ email: 'support@northwind-shop.example', name: 'Northwind Support' }],
    cc: [],
    date: Date.UTC(2026, 10, 20, 9, 30),
    subject: 'subject',
    snippet: text.slice(0, 100),
    text,
    attachments: [],
    unread: false,
    ...extra,
  };
}

export const REAL_THREAD_ID = '184a87a7b32dd009';
export const REAL_TOKEN = 'FMfcgzGrbHrBdFGBXqpFZvSkcQpKkvrM';
export const HOSTILE_SUBJECT = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>"\'&';

/** Three threads: a real-id unread one with a label, a read one, and one with a hostile subject and HTML body. */
export function sampleMailbox(): FakeMailbox {
  const anna = { email: 'anna@example.com', name: 'Anna Kowalska' };
  const hostile = { email: 'evil@example.com', name: '<b>Eve</b>' };
  return new FakeMailbox(
    [
      {
        threadId: REAL_THREAD_ID,
        subject: 'Where is my order #1042?',
        labelIds: ['INBOX', 'UNREAD', 'Label_1'],
        labelNames: ['Helpdesk/Status/Open'],
        messages: [
          message('184a87a7b32dd009', REAL_THREAD_ID, anna, 'Hello,\nmy order has not arrived.', {
            unread: true,
          }),
        ],
      },
      {
        threadId: '18c0ffee00000001',
        subject: 'Refund please',
        labelIds: ['INBOX', 'STARRED'],
        labelNames: [],
        messages: [
          message('18c0ffee00000001', '18c0ffee00000001', anna, 'I would like a refund.'),
          message(
            '18c0ffee00000002',
            '18c0ffee00000001',
            { email: 'support@northwind-shop.example' },
            'Done.',
          ),
        ],
      },
      {
        threadId: '18c0ffee00000100',
        subject: HOSTILE_SUBJECT,
        labelIds: ['INBOX'],
        labelNames: [],
        messages: [
          message('18c0ffee00000100', '18c0ffee00000100', hostile, '', {
            text: undefined,
            html: '<p>Hi</p><script>parent.__pwned=3</script><img src=x onerror="parent.__pwned=4">',
            snippet: '<script>window.__pwned=5</script>',
            unread: true,
          }),
        ],
      },
    ],
    [
      { id: 'Label_1', name: 'Helpdesk/Status/Open' },
      { id: 'Label_2', name: 'Helpdesk/Status/On hold' },
      { id: 'Label_3', name: 'Helpdesk' },
    ],
  );
}
