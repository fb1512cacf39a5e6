/**
 * The contracts between the stand-in's parts, written first so each part can be built on its own:
 * - seeds (`seeds/`) produce plain `Seed` data; the mailbox turns it into real MIME messages;
 * - the Gmail-like page (`page/`) reads the mailbox only through `PageMailbox`;
 * - tests and `npm start` run the whole thing through `startStandin` (`index.ts`).
 */

export interface Address {
  name?: string;
  email: string;
}

export interface SeedAttachment {
  filename: string;
  contentType: string;
  /** The file's bytes, base64 encoded. */
  contentBase64: string;
}

export interface SeedMessage {
  from: Address;
  to: Address[];
  cc?: Address[];
  subject: string;
  date: Date;
  /** Plain-text body. */
  text: string;
  /** Optional HTML alternative. */
  html?: string;
  /** Extra headers such as Auto-Submitted, List-Unsubscribe, Precedence, X-Autoreply, Content-Language. */
  headers?: Record<string, string>;
  attachments?: SeedAttachment[];
  unread?: boolean;
}

export interface SeedThread {
  /** Oldest first. A message from the mailbox's own address gets SENT (and not INBOX). */
  messages: SeedMessage[];
  /**
   * Label names for the whole thread: system ids ('INBOX', 'STARRED', 'IMPORTANT', 'SPAM', 'TRASH',
   * 'CATEGORY_UPDATES', ...) or user label names ('Helpdesk/Status/Open'), created when missing.
   * INBOX is applied to messages the mailbox received; UNREAD follows `SeedMessage.unread`.
   */
  labels: string[];
}

export interface Seed {
  emailAddress: string;
  displayName: string;
  threads: SeedThread[];
}

export interface PageLabel {
  id: string;
  name: string;
  type: 'system' | 'user';
  threadsUnread: number;
  threadsTotal: number;
}

export interface PageThreadSummary {
  threadId: string;
  subject: string;
  snippet: string;
  /** Display names of the senders, oldest first, as Gmail's list shows them. */
  senders: Address[];
  messageCount: number;
  /** internalDate of the newest message, in ms. */
  lastDate: number;
  unread: boolean;
  starred: boolean;
  important: boolean;
  labelIds: string[];
  /** User label names on the thread, for the chips in the list. */
  labelNames: string[];
}

export interface PageAttachment {
  filename: string;
  mimeType: string;
  size: number;
}

export interface PageMessage {
  messageId: string;
  threadId: string;
  /** The RFC 822 Message-ID header. */
  rfc822MessageId: string;
  from: Address;
  to: Address[];
  cc: Address[];
  date: number;
  subject: string;
  snippet: string;
  text?: string;
  html?: string;
  attachments: PageAttachment[];
  unread: boolean;
}

export interface PageThread {
  threadId: string;
  subject: string;
  labelIds: string[];
  labelNames: string[];
  messages: PageMessage[];
}

/** What the Gmail-like page may do with the mailbox. Same semantics as the REST API, no quota charged. */
export interface PageMailbox {
  emailAddress(): string;
  displayName(): string;
  labels(): PageLabel[];
  /** `labelId` such as 'INBOX' or a user label id; `query` in Gmail search syntax (the stand-in's `q` subset). */
  listThreads(opts: { labelId?: string; query?: string; offset: number; limit: number }): {
    threads: PageThreadSummary[];
    total: number;
  };
  getThread(threadId: string): PageThread | undefined;
  /** Sends a reply from the mailbox: real MIME, In-Reply-To/References, SENT label, history recorded. */
  reply(opts: { threadId: string; text: string; html?: string }): { messageId: string };
  /** Removes UNREAD from every message of the thread, as opening it in Gmail does. */
  markThreadRead(threadId: string): void;
}

export interface StandinOptions {
  /** HTTP port for the API and control endpoints; 0 picks a free one. */
  port: number;
  /** HTTPS port (self-signed) for mail.google.com, gmail.googleapis.com and accounts.google.com; 0 picks one. */
  tlsPort?: number;
  seed: 'demo' | 'empty';
  /** Synthetic threads added for scale. */
  threads?: number;
  /** The share of synthetic threads that are tickets (carry Helpdesk labels); 0.4 when unset. */
  ticketShare?: number;
  /** The stand-in's clock starts here (default: the real time). */
  now?: Date;
  host?: string;
}

export interface RunningStandin {
  /** `http://127.0.0.1:P` */
  url: string;
  port: number;
  /** Present when a TLS port was asked for. */
  tlsPort?: number;
  /** base64 SHA-256 of the TLS certificate's public key, for `--ignore-certificate-errors-spki-list`. */
  tlsSpki?: string;
  emailAddress: string;
  close(): Promise<void>;
}
