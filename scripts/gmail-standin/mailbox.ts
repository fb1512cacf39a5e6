/**
 * The stand-in's mailbox: labels, messages, threads, drafts and history, with Gmail's semantics.
 * Reference: https://developers.google.com/gmail/api/reference/rest
 *
 * Messages from a seed (and replies from the Gmail-like page) keep the data they were made from and get
 * their RFC 822 bytes built on first use, so 10,000 synthetic threads load in well under a second;
 * messages that arrive as raw bytes are parsed once, when they arrive.
 */
import type { Address, PageAttachment, Seed, SeedMessage, SeedThread } from './contracts';
import { ApiError, invalidArgument, notFound } from './errors';
import { draftIdFor, IdFactory } from './ids';
import {
  type Label,
  type LabelInput,
  labelNamesEqual,
  SYSTEM_LABELS,
  validLabelColor,
  validLabelName,
} from './labels';
import {
  buildMessage,
  completeHeaders,
  headerValue,
  messageIdsIn,
  type ParsedMessage,
  parseAddresses,
  parseMessage,
  snippetOf,
} from './mime';
import { compileQuery, queryMentionsSpamOrTrash, type SearchableMessage, searchFormOfLabel } from './search';

/** The stand-in's "now": real time shifted by `POST /__standin/clock`. */
export class StandinClock {
  private offsetMs = 0;

  constructor(start?: Date) {
    if (start) this.set(start);
  }

  now(): number {
    return Date.now() + this.offsetMs;
  }

  set(at: Date): void {
    this.offsetMs = at.getTime() - Date.now();
  }

  advance(ms: number): void {
    this.offsetMs += ms;
  }
}

type ComposeSpec = Parameters<typeof buildMessage>[0];

export interface StoredMessage extends SearchableMessage {
  id: string;
  threadId: string;
  labelIds: string[];
  historyId: bigint;
  snippet: string;
  fromAddress: Address;
  toAddresses: Address[];
  ccAddresses: Address[];
  references: string[];
  text?: string;
  html?: string;
  attachments: PageAttachment[];
  /** Present once built or when the message arrived as bytes. */
  raw?: Buffer;
  /** How to build `raw` for seed messages and page replies. */
  compose?: ComposeSpec;
  building?: Promise<Buffer>;
  /** Whether untrash should put INBOX back. */
  inboxBeforeTrash?: boolean | undefined;
  parsed?: Promise<ParsedMessage>;
}

interface HistoryEntry {
  id: bigint;
  messageId: string;
  threadId: string;
  labelIds: string[];
  added?: boolean;
  deleted?: boolean;
  labelsAdded?: string[];
  labelsRemoved?: string[];
}

export type HistoryType = 'messageAdded' | 'messageDeleted' | 'labelAdded' | 'labelRemoved';

export interface MessageListOptions {
  labelIds?: string[];
  q?: string;
  includeSpamTrash?: boolean;
}

export type InsertMode = 'insert' | 'import' | 'send' | 'draft';

/** Gmail's duplicate-name answer: 409, reason `aborted` (as seen in gauteh/lieer#207 and GAM-team/got-your-back#173). */
const labelConflict = (): ApiError => new ApiError(409, 'Label name exists or conflicts', 'aborted');

/**
 * "The maximum number of labels supported for a user's mailbox is 10,000."
 * (https://developers.google.com/gmail/api/reference/rest/v1/users.labels). Google does not document the
 * error `labels.create` answers past it; the stand-in answers 400 `invalidArgument` (a request the mailbox
 * cannot take as it stands, never worth retrying) with a message that says which limit.
 */
export const MAX_USER_LABELS = 10_000;
const labelLimitReached = (limit: number): ApiError =>
  new ApiError(400, `Label limit exceeded: a mailbox holds at most ${limit.toLocaleString('en')} labels`);

/** The first history id handed out; Gmail's are plain decimal uint64 values. */
const FIRST_HISTORY_ID = 1_000_000n;

function formatAddress(a: Address): string {
  return a.name ? `${a.name} <${a.email}>` : a.email;
}

/** Subject as Gmail compares it for threading: reply and forward prefixes dropped. */
export function threadingSubject(subject: string): string {
  return subject
    .replace(/^\s*((re|fw|fwd|aw|wg|sv|vs|odp|ответ|回复|答复)\s*(\[\d+\])?\s*:\s*)+/i, '')
    .trim()
    .toLowerCase();
}

function htmlToText(html: string): string {
  return html
    .replace(/<(style|script)[\s\S]*?<\/\1>/gi, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ');
}

function seedDomain(email: string): string {
  return email.split('@')[1] ?? 'mail.example';
}

export class Mailbox {
  readonly labels = new Map<string, Label>();
  readonly messages = new Map<string, StoredMessage>();
  /** Thread id → message ids, oldest first. */
  readonly threads = new Map<string, string[]>();
  /** Draft id → message id. */
  readonly drafts = new Map<string, string>();
  private readonly ids = new IdFactory();
  private readonly rfc822Index = new Map<string, string>();
  private history: HistoryEntry[] = [];
  private currentHistoryId = FIRST_HISTORY_ID;
  /** A startHistoryId below this is older than the history kept: 404. */
  private historyFloor = FIRST_HISTORY_ID;
  private nextLabelNumber = 1;
  /** User labels `labels.create` allows (Gmail: 10,000); tests lower it through `POST /__standin/label-limit`. */
  labelLimit = MAX_USER_LABELS;

  constructor(
    readonly emailAddress: string,
    readonly displayName: string,
    readonly clock: StandinClock,
    private readonly historyLimit = 100_000,
  ) {
    for (const label of SYSTEM_LABELS) this.labels.set(label.id, { ...label });
  }

  static fromSeed(seed: Seed, extraThreads: SeedThread[], clock: StandinClock): Mailbox {
    const mailbox = new Mailbox(seed.emailAddress, seed.displayName, clock);
    for (const thread of [...seed.threads, ...extraThreads]) mailbox.addSeedThread(thread);
    // The seed is the mailbox's past: a client starts its history from getProfile's historyId.
    mailbox.historyFloor = mailbox.currentHistoryId;
    mailbox.history = [];
    return mailbox;
  }

  historyId(): bigint {
    return this.currentHistoryId;
  }

  // ---- seeds ----

  private addSeedThread(thread: SeedThread): void {
    const messages = [...thread.messages].sort((a, b) => a.date.getTime() - b.date.getTime());
    const threadLabels = thread.labels.map((name) => this.labelIdForSeed(name));
    const notInInbox = threadLabels.includes('SPAM') || threadLabels.includes('TRASH');
    let threadId: string | undefined;
    const earlier: string[] = [];
    for (const seedMessage of messages) {
      const id = this.ids.messageId(seedMessage.date.getTime());
      threadId ??= id;
      const fromMailbox = seedMessage.from.email.toLowerCase() === this.emailAddress.toLowerCase();
      const labelIds = new Set<string>(threadLabels);
      if (fromMailbox) labelIds.add('SENT');
      else if (!notInInbox) labelIds.add('INBOX');
      if (seedMessage.unread) labelIds.add('UNREAD');
      const rfc822MessageId = `<${id}.standin@${seedDomain(seedMessage.from.email)}>`;
      const previous = earlier.at(-1);
      const compose: ComposeSpec = {
        ...seedMessage,
        messageId: rfc822MessageId,
        ...(previous ? { inReplyTo: previous, references: [...earlier] } : {}),
      };
      const message = this.messageFromSeed(id, threadId, [...labelIds], seedMessage, compose);
      this.store(message);
      earlier.push(rfc822MessageId);
      this.bumpHistory(message);
    }
  }

  private labelIdForSeed(name: string): string {
    if (this.labels.has(name) && this.labels.get(name)?.type === 'system') return name;
    const existing = this.findLabelByName(name);
    if (existing) return existing.id;
    const label: Label = { id: this.newLabelId(), name, type: 'user' };
    if (name.split('/').some((level) => level.startsWith('.'))) {
      label.labelListVisibility = 'labelHide';
      label.messageListVisibility = 'hide';
    }
    this.labels.set(label.id, label);
    return label.id;
  }

  private messageFromSeed(
    id: string,
    threadId: string,
    labelIds: string[],
    seed: SeedMessage,
    compose: ComposeSpec,
  ): StoredMessage {
    const to = seed.to.map(formatAddress).join(', ');
    const cc = (seed.cc ?? []).map(formatAddress).join(', ');
    return {
      id,
      threadId,
      labelIds,
      historyId: this.currentHistoryId,
      internalDate: seed.date.getTime(),
      from: formatAddress(seed.from),
      to: cc ? `${to}, ${cc}` : to,
      subject: seed.subject,
      body: seed.text,
      rfc822MessageId: compose.messageId,
      snippet: snippetOf(seed.text, seed.html),
      fromAddress: seed.from,
      toAddresses: seed.to,
      ccAddresses: seed.cc ?? [],
      references: compose.references ?? [],
      text: seed.text,
      ...(seed.html !== undefined ? { html: seed.html } : {}),
      attachments: (seed.attachments ?? []).map((a) => ({
        filename: a.filename,
        mimeType: a.contentType,
        size: Buffer.from(a.contentBase64, 'base64').length,
      })),
      compose,
    };
  }

  // ---- bytes ----

  /** Builds a seed message's bytes once; concurrent callers share the one build, so raw and payload agree. */
  rawOf(message: StoredMessage): Promise<Buffer> {
    if (message.raw) return Promise.resolve(message.raw);
    const compose = message.compose;
    if (!compose) return Promise.reject(new ApiError(500, 'Message has no content'));
    message.building ??= buildMessage(compose).then((raw) => {
      message.raw = raw;
      return raw;
    });
    return message.building;
  }

  parsedOf(message: StoredMessage): Promise<ParsedMessage> {
    message.parsed ??= this.rawOf(message).then(parseMessage);
    return message.parsed;
  }

  // ---- profile and counts ----

  profile(): { emailAddress: string; messagesTotal: number; threadsTotal: number; historyId: string } {
    return {
      emailAddress: this.emailAddress,
      messagesTotal: this.messages.size,
      threadsTotal: this.threads.size,
      historyId: this.currentHistoryId.toString(),
    };
  }

  labelCounts(labelId: string): {
    messagesTotal: number;
    messagesUnread: number;
    threadsTotal: number;
    threadsUnread: number;
  } {
    let messagesTotal = 0;
    let messagesUnread = 0;
    const threads = new Set<string>();
    const unreadThreads = new Set<string>();
    for (const message of this.messages.values()) {
      if (!message.labelIds.includes(labelId)) continue;
      messagesTotal++;
      threads.add(message.threadId);
      if (message.labelIds.includes('UNREAD')) {
        messagesUnread++;
        unreadThreads.add(message.threadId);
      }
    }
    return { messagesTotal, messagesUnread, threadsTotal: threads.size, threadsUnread: unreadThreads.size };
  }

  // ---- labels ----

  findLabelByName(name: string): Label | undefined {
    for (const label of this.labels.values()) if (labelNamesEqual(label.name, name)) return label;
    return undefined;
  }

  /** `label:` in a query: by id, by name, or by Gmail's search form of the name. */
  labelIdForSearch(value: string): string | undefined {
    if (this.labels.has(value.toUpperCase()) && this.labels.get(value.toUpperCase())?.type === 'system') {
      return value.toUpperCase();
    }
    const wanted = searchFormOfLabel(value);
    for (const label of this.labels.values()) {
      if (label.id === value || searchFormOfLabel(label.name) === wanted) return label.id;
    }
    return undefined;
  }

  private newLabelId(): string {
    return `Label_${this.nextLabelNumber++}`;
  }

  getLabel(id: string): Label {
    const label = this.labels.get(id);
    if (!label) throw notFound();
    return label;
  }

  createLabel(input: LabelInput): Label {
    const name = validLabelName(input.name);
    if (this.findLabelByName(name)) throw labelConflict();
    let userLabels = 0;
    for (const existing of this.labels.values()) if (existing.type === 'user') userLabels += 1;
    if (userLabels >= this.labelLimit) throw labelLimitReached(this.labelLimit);
    const label: Label = { id: this.newLabelId(), name, type: 'user' };
    if (input.messageListVisibility) label.messageListVisibility = input.messageListVisibility;
    if (input.labelListVisibility) label.labelListVisibility = input.labelListVisibility;
    const color = validLabelColor(input.color);
    if (color) label.color = color;
    this.labels.set(label.id, label);
    return label;
  }

  /** labels.update replaces the resource (name required); labels.patch changes the fields given. */
  changeLabel(id: string, input: LabelInput, mode: 'patch' | 'update'): Label {
    const label = this.getLabel(id);
    if (label.type === 'system') throw invalidArgument('Invalid label update');
    const nextName = mode === 'update' || input.name !== undefined ? validLabelName(input.name) : label.name;
    const clash = this.findLabelByName(nextName);
    if (clash && clash.id !== id) throw labelConflict();
    const color = input.color === undefined ? label.color : validLabelColor(input.color);
    const next: Label = { id, name: nextName, type: 'user' };
    const messageListVisibility =
      input.messageListVisibility ?? (mode === 'patch' ? label.messageListVisibility : undefined);
    const labelListVisibility =
      input.labelListVisibility ?? (mode === 'patch' ? label.labelListVisibility : undefined);
    if (messageListVisibility) next.messageListVisibility = messageListVisibility;
    if (labelListVisibility) next.labelListVisibility = labelListVisibility;
    if (color && (mode === 'patch' || input.color)) next.color = color;
    this.labels.set(id, next);
    return next;
  }

  deleteLabel(id: string): void {
    const label = this.getLabel(id);
    if (label.type === 'system') throw invalidArgument('Invalid delete request');
    for (const message of this.messages.values()) {
      if (message.labelIds.includes(id)) this.applyLabels(message, [], [id]);
    }
    this.labels.delete(id);
  }

  // ---- messages: lookup and listing ----

  getMessage(id: string): StoredMessage {
    const message = this.messages.get(id);
    if (!message) throw notFound();
    return message;
  }

  threadMessages(threadId: string): StoredMessage[] {
    const ids = this.threads.get(threadId);
    if (!ids) throw notFound();
    return ids.map((id) => this.getMessage(id));
  }

  private matcher(options: MessageListOptions): (message: StoredMessage) => boolean {
    const labelIds = options.labelIds ?? [];
    for (const id of labelIds) if (!this.labels.has(id)) throw invalidArgument(`Invalid label: ${id}`);
    const query = compileQuery(options.q, {
      now: this.clock.now(),
      labelIdFor: (name) => this.labelIdForSearch(name),
    });
    const keepSpamTrash =
      options.includeSpamTrash === true ||
      labelIds.includes('SPAM') ||
      labelIds.includes('TRASH') ||
      queryMentionsSpamOrTrash(options.q);
    return (message) =>
      (keepSpamTrash || !(message.labelIds.includes('SPAM') || message.labelIds.includes('TRASH'))) &&
      labelIds.every((id) => message.labelIds.includes(id)) &&
      query(message);
  }

  /** Newest first, as messages.list orders them. */
  listMessages(options: MessageListOptions): StoredMessage[] {
    const matches = this.matcher(options);
    // Same date: the later id first, so pages are stable.
    return [...this.messages.values()]
      .filter(matches)
      .sort((a, b) => b.internalDate - a.internalDate || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0));
  }

  /** Thread ids whose messages match, the thread with the newest matching message first. */
  listThreads(options: MessageListOptions): string[] {
    const newest = new Map<string, number>();
    for (const message of this.listMessages(options)) {
      if (!newest.has(message.threadId)) newest.set(message.threadId, message.internalDate);
    }
    return [...newest.keys()];
  }

  // ---- messages: arrival ----

  /**
   * Adds a message that arrives as bytes (insert, import, send, draft). Threading follows
   * https://developers.google.com/gmail/api/guides/threads: a requested threadId is honoured when the
   * References or In-Reply-To header names a message of that thread and the Subject matches.
   */
  async addRawMessage(opts: {
    raw: Buffer;
    mode: InsertMode;
    labelIds?: string[];
    threadId?: string;
    internalDateSource?: 'receivedTime' | 'dateHeader';
  }): Promise<StoredMessage> {
    let raw = opts.raw;
    const now = this.clock.now();
    if (opts.mode === 'send' || opts.mode === 'draft') {
      const id = this.ids.messageId(now);
      this.ids.forget(id);
      raw = await completeHeaders(raw, {
        From: this.displayName ? `"${this.displayName}" <${this.emailAddress}>` : this.emailAddress,
        Date: new Date(now).toUTCString().replace('GMT', '+0000'),
        'Message-ID': `<${id}.standin@${seedDomain(this.emailAddress)}>`,
      });
    }
    const parsed = await parseMessage(raw);
    const headers = parsed.root.headers;
    const subject = headerValue(headers, 'Subject') ?? '';
    const dateHeader = Date.parse(headerValue(headers, 'Date') ?? '');
    const useHeaderDate =
      (opts.internalDateSource ?? (opts.mode === 'import' ? 'dateHeader' : 'receivedTime')) === 'dateHeader';
    const internalDate = useHeaderDate && Number.isFinite(dateHeader) ? dateHeader : now;
    const references = [
      ...messageIdsIn(headerValue(headers, 'References')),
      ...messageIdsIn(headerValue(headers, 'In-Reply-To')),
    ];

    const labelIds = new Set<string>();
    for (const id of opts.labelIds ?? []) {
      if (!this.labels.has(id)) throw invalidArgument(`Invalid label: ${id}`);
      labelIds.add(id);
    }
    if (opts.mode === 'send') labelIds.add('SENT');
    if (opts.mode === 'draft') labelIds.add('DRAFT');

    const threadId = this.threadFor(opts.threadId, subject, references, opts.mode);
    const id = this.ids.messageId(internalDate);
    const from = headerValue(headers, 'From') ?? '';
    const to = [headerValue(headers, 'To'), headerValue(headers, 'Cc')].filter(Boolean).join(', ');
    const message: StoredMessage = {
      id,
      threadId: threadId ?? id,
      labelIds: [...labelIds],
      historyId: this.currentHistoryId,
      internalDate,
      from,
      to,
      subject,
      body: parsed.text ?? htmlToText(parsed.html ?? ''),
      rfc822MessageId: headerValue(headers, 'Message-ID') ?? '',
      snippet: snippetOf(parsed.text, parsed.html),
      fromAddress: parseAddresses(from)[0] ?? { email: '' },
      toAddresses: parseAddresses(headerValue(headers, 'To')),
      ccAddresses: parseAddresses(headerValue(headers, 'Cc')),
      references,
      ...(parsed.text !== undefined ? { text: parsed.text } : {}),
      ...(parsed.html !== undefined ? { html: parsed.html } : {}),
      attachments: parsed.attachments.map((a) => ({
        filename: a.filename,
        mimeType: a.mimeType,
        size: a.size,
      })),
      raw,
      parsed: Promise.resolve(parsed),
    };
    this.store(message);
    this.recordHistory(message, { added: true });
    return message;
  }

  /** Adds a reply composed from text (the Gmail-like page's inline reply); its bytes are built on first use. */
  addComposedReply(threadId: string, text: string, html?: string): StoredMessage {
    const thread = this.threadMessages(threadId);
    const last = thread.at(-1);
    if (!last) throw notFound();
    const now = this.clock.now();
    const id = this.ids.messageId(now);
    const customer =
      [...thread]
        .reverse()
        .find((m) => m.fromAddress.email.toLowerCase() !== this.emailAddress.toLowerCase()) ?? last;
    const subject = /^re:/i.test(last.subject) ? last.subject : `Re: ${last.subject}`;
    const references = thread.map((m) => m.rfc822MessageId).filter(Boolean);
    const seed: SeedMessage = {
      from: { name: this.displayName, email: this.emailAddress },
      to: [customer.fromAddress],
      subject,
      date: new Date(now),
      text,
      ...(html !== undefined ? { html } : {}),
    };
    const compose: ComposeSpec = {
      ...seed,
      messageId: `<${id}.standin@${seedDomain(this.emailAddress)}>`,
      ...(last.rfc822MessageId ? { inReplyTo: last.rfc822MessageId } : {}),
      references,
    };
    const message = this.messageFromSeed(id, threadId, ['SENT'], seed, compose);
    this.store(message);
    this.recordHistory(message, { added: true });
    return message;
  }

  private threadFor(
    requested: string | undefined,
    subject: string,
    references: string[],
    mode: InsertMode,
  ): string | undefined {
    const wanted = threadingSubject(subject);
    const related = (threadId: string) =>
      references.some((ref) => this.messages.get(this.rfc822Index.get(ref) ?? '')?.threadId === threadId);
    if (requested) {
      const thread = this.threads.get(requested);
      if (!thread) throw notFound();
      const first = this.messages.get(thread[0] ?? '');
      if (first && threadingSubject(first.subject) === wanted && related(requested)) return requested;
      return undefined;
    }
    // Mail that arrives (insert, import) joins the thread it replies to; a send without threadId starts one.
    if (mode === 'send' || mode === 'draft') return undefined;
    for (const ref of references) {
      const message = this.messages.get(this.rfc822Index.get(ref) ?? '');
      if (message && threadingSubject(message.subject) === wanted) return message.threadId;
    }
    return undefined;
  }

  private store(message: StoredMessage): void {
    this.messages.set(message.id, message);
    if (message.rfc822MessageId) this.rfc822Index.set(message.rfc822MessageId, message.id);
    const thread = this.threads.get(message.threadId);
    if (!thread) {
      this.threads.set(message.threadId, [message.id]);
      return;
    }
    thread.push(message.id);
    thread.sort(
      (a, b) => (this.messages.get(a)?.internalDate ?? 0) - (this.messages.get(b)?.internalDate ?? 0),
    );
  }

  // ---- messages: changes ----

  private checkLabelIds(ids: string[]): void {
    for (const id of ids) {
      if (!this.labels.has(id)) throw invalidArgument(`Invalid label: ${id}`);
      if (id === 'DRAFT' || id === 'SENT') throw invalidArgument(`Invalid label: ${id}`);
    }
  }

  modifyMessage(id: string, add: string[], remove: string[]): StoredMessage {
    this.checkLabelIds([...add, ...remove]);
    const message = this.getMessage(id);
    this.applyLabels(message, add, remove);
    return message;
  }

  batchModify(ids: string[], add: string[], remove: string[]): void {
    if (ids.length > 1000) throw invalidArgument('Too many ids: at most 1000 may be modified in one call');
    this.checkLabelIds([...add, ...remove]);
    for (const id of ids) {
      const message = this.messages.get(id);
      if (message) this.applyLabels(message, add, remove);
    }
  }

  modifyThread(threadId: string, add: string[], remove: string[]): StoredMessage[] {
    this.checkLabelIds([...add, ...remove]);
    const messages = this.threadMessages(threadId);
    for (const message of messages) this.applyLabels(message, add, remove);
    return messages;
  }

  /**
   * Trash takes the message out of INBOX; untrash puts back the labels it had before (as Gmail does, see
   * elie222/inbox-zero#3057), so a customer's ticket returns to the inbox.
   */
  trashMessage(id: string): StoredMessage {
    const message = this.getMessage(id);
    if (message.labelIds.includes('TRASH')) return message;
    message.inboxBeforeTrash = message.labelIds.includes('INBOX');
    this.applyLabels(message, ['TRASH'], ['INBOX']);
    return message;
  }

  untrashMessage(id: string): StoredMessage {
    const message = this.getMessage(id);
    if (!message.labelIds.includes('TRASH')) return message;
    this.applyLabels(message, message.inboxBeforeTrash ? ['INBOX'] : [], ['TRASH']);
    message.inboxBeforeTrash = undefined;
    return message;
  }

  deleteMessage(id: string): void {
    const message = this.getMessage(id);
    this.messages.delete(id);
    if (this.rfc822Index.get(message.rfc822MessageId) === id)
      this.rfc822Index.delete(message.rfc822MessageId);
    const thread = this.threads.get(message.threadId) ?? [];
    const rest = thread.filter((m) => m !== id);
    if (rest.length) this.threads.set(message.threadId, rest);
    else this.threads.delete(message.threadId);
    this.recordHistory(message, { deleted: true });
  }

  /** Adds and removes labels; a change that changes nothing leaves no history, as in Gmail. */
  applyLabels(message: StoredMessage, add: string[], remove: string[]): void {
    const added = add.filter((id) => !message.labelIds.includes(id) && !remove.includes(id));
    const removed = remove.filter((id) => message.labelIds.includes(id));
    if (!added.length && !removed.length) return;
    message.labelIds = [...message.labelIds.filter((id) => !removed.includes(id)), ...added];
    this.recordHistory(message, {
      ...(added.length ? { labelsAdded: added } : {}),
      ...(removed.length ? { labelsRemoved: removed } : {}),
    });
  }

  // ---- drafts ----

  draftMessage(draftId: string): StoredMessage {
    const messageId = this.drafts.get(draftId);
    if (!messageId) throw notFound();
    return this.getMessage(messageId);
  }

  async createDraft(raw: Buffer, threadId?: string): Promise<{ draftId: string; message: StoredMessage }> {
    const message = await this.addRawMessage({ raw, mode: 'draft', ...(threadId ? { threadId } : {}) });
    const draftId = draftIdFor(message.id);
    this.drafts.set(draftId, message.id);
    return { draftId, message };
  }

  /** drafts.update replaces the draft's message: the old one is deleted and a new id is issued. */
  async updateDraft(draftId: string, raw: Buffer, threadId?: string): Promise<StoredMessage> {
    const old = this.draftMessage(draftId);
    const message = await this.addRawMessage({ raw, mode: 'draft', threadId: threadId ?? old.threadId });
    this.deleteMessage(old.id);
    this.drafts.set(draftId, message.id);
    return message;
  }

  deleteDraft(draftId: string): void {
    const message = this.draftMessage(draftId);
    this.drafts.delete(draftId);
    this.deleteMessage(message.id);
  }

  /** drafts.send: the draft's message leaves DRAFT and becomes a SENT message. */
  async sendDraft(draftId: string, replacement?: Buffer): Promise<StoredMessage> {
    const draft = this.draftMessage(draftId);
    const raw = replacement ?? (await this.rawOf(draft));
    const sent = await this.addRawMessage({ raw, mode: 'send', threadId: draft.threadId });
    this.drafts.delete(draftId);
    this.deleteMessage(draft.id);
    return sent;
  }

  // ---- history ----

  private bumpHistory(message: StoredMessage): void {
    this.currentHistoryId += 1n;
    message.historyId = this.currentHistoryId;
  }

  private recordHistory(
    message: StoredMessage,
    change: Omit<HistoryEntry, 'id' | 'messageId' | 'threadId' | 'labelIds'>,
  ) {
    this.bumpHistory(message);
    this.history.push({
      id: this.currentHistoryId,
      messageId: message.id,
      threadId: message.threadId,
      labelIds: [...message.labelIds],
      ...change,
    });
    if (this.history.length > this.historyLimit) {
      const dropped = this.history.splice(0, this.history.length - this.historyLimit);
      const last = dropped.at(-1);
      if (last) this.historyFloor = last.id;
    }
  }

  /** Forgets all history so far, as if Gmail had expired it: older cursors get 404. */
  expireHistory(): void {
    this.history = [];
    this.historyFloor = this.currentHistoryId;
  }

  /**
   * history.list: https://developers.google.com/gmail/api/reference/rest/v1/users.history/list
   * Returns the records after `start`, filtered, or throws 404 when `start` is older than the history kept.
   */
  historySince(
    start: bigint,
    filter: { types?: HistoryType[]; labelId?: string },
  ): { id: string; [key: string]: unknown }[] {
    if (start < this.historyFloor) throw notFound();
    const types = filter.types?.length ? new Set(filter.types) : undefined;
    const out: { id: string; [key: string]: unknown }[] = [];
    for (const entry of this.history) {
      if (entry.id <= start) continue;
      if (
        filter.labelId &&
        !entry.labelIds.includes(filter.labelId) &&
        !entry.labelsAdded?.includes(filter.labelId) &&
        !entry.labelsRemoved?.includes(filter.labelId)
      ) {
        continue;
      }
      const ref = { id: entry.messageId, threadId: entry.threadId };
      const snapshot = { ...ref, labelIds: entry.labelIds };
      const record: { id: string; [key: string]: unknown } = { id: entry.id.toString(), messages: [ref] };
      let kept = false;
      if (entry.added && (!types || types.has('messageAdded'))) {
        record.messagesAdded = [{ message: snapshot }];
        kept = true;
      }
      if (entry.deleted && (!types || types.has('messageDeleted'))) {
        record.messagesDeleted = [{ message: snapshot }];
        kept = true;
      }
      if (entry.labelsAdded && (!types || types.has('labelAdded'))) {
        record.labelsAdded = [{ message: snapshot, labelIds: entry.labelsAdded }];
        kept = true;
      }
      if (entry.labelsRemoved && (!types || types.has('labelRemoved'))) {
        record.labelsRemoved = [{ message: snapshot, labelIds: entry.labelsRemoved }];
        kept = true;
      }
      if (kept) out.push(record);
    }
    return out;
  }
}
