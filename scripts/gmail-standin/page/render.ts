/**
 * Server-side rendering of the Gmail-like page. Where Labeldesk reads Gmail's DOM (DESIGN.md section 5), the
 * markup carries Gmail's own attributes, classes and ARIA; the sources of each fact are listed in
 * test/conformance/gmail-page-facts.test.ts. Everything from mail goes through `html`, which escapes it.
 */
import {
  encodeThreadToken,
  permIdFromMessageId,
  permIdFromThreadId,
} from '../../../src/gmail/dom/thread-token';
import type {
  Address,
  PageLabel,
  PageMailbox,
  PageMessage,
  PageThread,
  PageThreadSummary,
} from '../contracts';
import { html, type SafeHtml } from './html';
import { GMAIL_LOGO, ICONS } from './icons';
import { DEFAULT_LAYOUT, layoutQuery, type PageLayout } from './layout';
import { FOLDERS, type FolderName, listHash, type MailList, type Route, threadHash } from './routes';

export const PAGE_SIZE = 50;
/** Where the page's own assets and fragment endpoints live, beside Gmail's `/mail/u/0/`. */
export const ASSET_PREFIX = '/mail/u/0/_standin/';

export interface RenderedView {
  title: string;
  nav: SafeHtml;
  main: SafeHtml;
}

/** A clock for dates in the list ("3:45 PM" today, "Nov 3" this year); injectable so tests are stable. */
export interface RenderContext {
  mailbox: PageMailbox;
  now: Date;
  timeZone?: string;
}

// ---------- ids ----------

/** Gmail's sync id for a hex thread id, or undefined when the id is not hex (then no Gmail attributes fit). */
function threadPermId(threadId: string): string | undefined {
  try {
    return permIdFromThreadId(threadId);
  } catch {
    return undefined;
  }
}

function messagePermId(messageId: string): string | undefined {
  try {
    return permIdFromMessageId(messageId);
  } catch {
    return undefined;
  }
}

/** The URL segment of a thread: Gmail's token, or the hex id itself (Gmail accepts legacy ids too). */
export function threadUrlSegment(threadId: string): string {
  const permId = threadPermId(threadId);
  return permId ? encodeThreadToken(permId) : threadId;
}

// ---------- formatting ----------

const NAMED_ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0',
};

/**
 * The API's snippets are HTML-escaped ("I&#39;m"), as Gmail's are; the page shows them as text, so they are
 * unescaped here and escaped again on output.
 */
export function snippetText(snippet: string): string {
  return snippet.replace(/&(#x[0-9a-f]{1,6}|#[0-9]{1,7}|[a-z]{2,5});/gi, (entity, body: string) => {
    if (body.startsWith('#')) {
      const code =
        body[1] === 'x' || body[1] === 'X' ? Number.parseInt(body.slice(2), 16) : Number(body.slice(1));
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : entity;
    }
    return NAMED_ENTITIES[body.toLowerCase()] ?? entity;
  });
}

function displayName(address: Address, mailbox: PageMailbox): string {
  if (address.email.toLowerCase() === mailbox.emailAddress().toLowerCase()) return 'me';
  return address.name?.trim() || address.email;
}

function sameDay(a: Date, b: Date, timeZone: string | undefined): boolean {
  const day = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  });
  return day.format(a) === day.format(b);
}

/** The list's date column, as Gmail writes it: time today, month and day this year, numeric date before. */
export function listDate(ms: number, context: Pick<RenderContext, 'now' | 'timeZone'>): string {
  const date = new Date(ms);
  const { now, timeZone } = context;
  if (sameDay(date, now, timeZone)) {
    return new Intl.DateTimeFormat('en-US', { timeZone, hour: 'numeric', minute: '2-digit' }).format(date);
  }
  const year = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric' });
  if (year.format(date) === year.format(now)) {
    return new Intl.DateTimeFormat('en-US', { timeZone, month: 'short', day: 'numeric' }).format(date);
  }
  return new Intl.DateTimeFormat('en-US', {
    timeZone,
    year: '2-digit',
    month: 'numeric',
    day: 'numeric',
  }).format(date);
}

/** The full date Gmail puts in `title` attributes: "Mon, Nov 3, 2025, 3:45 PM". */
export function fullDate(ms: number, timeZone: string | undefined): string {
  return new Intl.DateTimeFormat('en-US', {
    timeZone,
    weekday: 'short',
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
  }).format(new Date(ms));
}

function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

const AVATAR_COLOURS = [
  '#1a73e8',
  '#d93025',
  '#188038',
  '#e37400',
  '#9334e6',
  '#c5221f',
  '#007b83',
  '#5f6368',
];

function avatar(address: Address): SafeHtml {
  const label = (address.name?.trim() || address.email).charAt(0).toUpperCase();
  let hash = 0;
  for (const char of address.email) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  const colour = AVATAR_COLOURS[hash % AVATAR_COLOURS.length] ?? '#5f6368';
  return html`<span class="standin-avatar" style="background:${colour}" aria-hidden="true">${label}</span>`;
}

// ---------- title ----------

function labelByName(mailbox: PageMailbox, name: string): PageLabel | undefined {
  return mailbox.labels().find((label) => label.type === 'user' && label.name === name);
}

function labelById(mailbox: PageMailbox, id: string): PageLabel | undefined {
  return mailbox.labels().find((label) => label.id === id);
}

export function listName(list: MailList): string {
  if (list.kind === 'folder') return FOLDERS[list.folder].name;
  if (list.kind === 'label') return list.labelName;
  return 'Search results';
}

/**
 * Gmail's title: "Inbox (2,669) - name@gmail.com - Gmail" (grouped count, no count when nothing is unread);
 * a thread: "Subject - name@gmail.com - Gmail".
 */
export function pageTitle(mailbox: PageMailbox, route: Route, threadSubject?: string): string {
  const suffix = ` - ${mailbox.emailAddress()} - Gmail`;
  if (threadSubject !== undefined) return `${threadSubject || '(no subject)'}${suffix}`;
  const list = route.list;
  let unread = 0;
  if (list.kind === 'folder' && list.folder === 'inbox')
    unread = labelById(mailbox, 'INBOX')?.threadsUnread ?? 0;
  if (list.kind === 'label') unread = labelByName(mailbox, list.labelName)?.threadsUnread ?? 0;
  return `${listName(list)}${unread > 0 ? ` (${unread.toLocaleString('en-US')})` : ''}${suffix}`;
}

// ---------- left navigation ----------

const NAV_FOLDERS: { folder: FolderName; icon: SafeHtml; countUnread: boolean }[] = [
  { folder: 'inbox', icon: ICONS.inbox, countUnread: true },
  { folder: 'starred', icon: ICONS.starOutline, countUnread: false },
  { folder: 'imp', icon: ICONS.important, countUnread: false },
  { folder: 'sent', icon: ICONS.send, countUnread: false },
  { folder: 'all', icon: ICONS.mail, countUnread: false },
  { folder: 'spam', icon: ICONS.report, countUnread: true },
  { folder: 'trash', icon: ICONS.trash, countUnread: false },
];

function navItem(opts: {
  hash: string;
  name: string;
  title: string;
  icon: SafeHtml;
  unread: number;
  active: boolean;
  depth?: number;
}): SafeHtml {
  const { hash, name, title, icon, unread, active, depth = 0 } = opts;
  const label = unread > 0 ? `${title} ${unread} unread` : title;
  return html`<div class="aim${active ? ' nZ' : ''}${unread > 0 ? ' standin-has-unread' : ''}" style="--depth:${depth}">
  <a class="J-Ke n0 standin-nav-link" href="${hash}" title="${title}" aria-label="${label}"${active ? html` aria-current="page"` : ''}>
    <span class="qj">${icon}</span><span class="nU">${name}</span>${unread > 0 ? html`<span class="bsU">${unread.toLocaleString('en-US')}</span>` : ''}
  </a>
</div>`;
}

interface LabelNode {
  segment: string;
  fullName: string;
  label?: PageLabel;
  children: LabelNode[];
}

/** User labels as Gmail's tree: `Helpdesk/Status/Open` sits under Helpdesk › Status. */
function labelTree(labels: PageLabel[]): LabelNode[] {
  const roots: LabelNode[] = [];
  const sorted = [...labels].sort((a, b) => a.name.localeCompare(b.name));
  for (const label of sorted) {
    let level = roots;
    const segments = label.name.split('/');
    segments.forEach((segment, i) => {
      const fullName = segments.slice(0, i + 1).join('/');
      let node = level.find((candidate) => candidate.segment === segment);
      if (!node) {
        node = { segment, fullName, children: [] };
        level.push(node);
      }
      if (i === segments.length - 1) node.label = label;
      level = node.children;
    });
  }
  return roots;
}

function renderLabelNodes(nodes: LabelNode[], route: Route, depth: number): SafeHtml[] {
  return nodes.flatMap((node) => {
    const active = route.list.kind === 'label' && route.list.labelName === node.fullName;
    return [
      navItem({
        hash: listHash({ kind: 'label', labelName: node.fullName }),
        name: node.segment,
        title: node.fullName,
        icon: ICONS.label,
        unread: node.label?.threadsUnread ?? 0,
        active,
        depth,
      }),
      ...renderLabelNodes(node.children, route, depth + 1),
    ];
  });
}

export function renderNav(mailbox: PageMailbox, route: Route): SafeHtml {
  const labels = mailbox.labels();
  const folders = NAV_FOLDERS.map(({ folder, icon, countUnread }) => {
    const { labelId, name } = FOLDERS[folder];
    const label = labelId ? labels.find((candidate) => candidate.id === labelId) : undefined;
    return navItem({
      hash: listHash({ kind: 'folder', folder }),
      name,
      title: name,
      icon,
      unread: countUnread ? (label?.threadsUnread ?? 0) : 0,
      active: route.list.kind === 'folder' && route.list.folder === folder,
    });
  });
  const userLabels = labels.filter((label) => label.type === 'user');
  return html`<div class="standin-compose-wrap"><div class="T-I T-I-KE L3 standin-compose" gh="cm" role="button" tabindex="0">${ICONS.pencil}<span>Compose</span></div></div>
<div class="standin-nav-list">${folders}</div>
<div class="standin-labels-head"><h2 class="aAv">Labels</h2><span class="standin-round-button" role="button" aria-label="Create new label" title="Create new label">${ICONS.plus}</span></div>
<div class="standin-nav-list">${renderLabelNodes(labelTree(userLabels), route, 0)}</div>`;
}

// ---------- thread list ----------

function senderNames(thread: PageThreadSummary, mailbox: PageMailbox): SafeHtml {
  const seen = new Set<string>();
  const senders = thread.senders.filter((sender) => {
    const key = sender.email.toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  const shown =
    senders.length > 3 ? [senders[0], senders[senders.length - 2], senders[senders.length - 1]] : senders;
  const names = shown
    .filter((sender): sender is Address => sender !== undefined)
    .map(
      (sender, i) =>
        html`${i > 0 ? ', ' : ''}<span class="${thread.unread ? 'zF' : 'yP'}" email="${sender.email}" name="${displayName(sender, mailbox)}" data-hovercard-id="${sender.email}">${displayName(sender, mailbox)}</span>`,
    );
  const count = thread.messageCount > 1 ? html` <span class="bx0">${thread.messageCount}</span>` : '';
  return html`<span class="bA4">${names}</span>${count}`;
}

function labelChips(names: string[], linkable: boolean): SafeHtml {
  return html`${names.map(
    (name) =>
      html`<span class="ar as standin-chip" title="${name}">${
        linkable
          ? html`<a href="${listHash({ kind: 'label', labelName: name })}" tabindex="-1">${name}</a>`
          : name
      }</span>`,
  )}`;
}

function threadRow(thread: PageThreadSummary, list: MailList, context: RenderContext): SafeHtml {
  const { mailbox } = context;
  const permId = threadPermId(thread.threadId);
  const hash = threadHash(list, threadUrlSegment(thread.threadId));
  const state = thread.unread ? 'zE' : 'yO';
  const shownLabels = thread.labelNames.filter((name) => !(list.kind === 'label' && list.labelName === name));
  const subject = thread.subject || '(no subject)';
  const dateTitle = fullDate(thread.lastDate, context.timeZone);
  return html`<tr class="zA ${state}" role="row" tabindex="-1" aria-selected="false" data-standin-href="${hash}">
  <td class="oZ-x3 xY" role="gridcell"><div class="oZ-jc T-Jo J-J5-Ji" role="checkbox" aria-checked="false" aria-label="Select"></div></td>
  <td class="apU xY" role="gridcell"><span class="T-KT${thread.starred ? ' T-KT-Jp' : ''}" role="button" aria-label="${thread.starred ? 'Starred' : 'Not starred'}" title="${thread.starred ? 'Starred' : 'Not starred'}">${thread.starred ? ICONS.star : ICONS.starOutline}</span></td>
  <td class="WA xY" role="gridcell"><span class="pG${thread.important ? ' pH' : ''}" aria-label="${thread.important ? 'Important' : 'Not important'}" title="${thread.important ? 'Important' : 'Not important'}">${ICONS.important}</span></td>
  <td class="yX xY" role="gridcell"><div class="yW">${senderNames(thread, mailbox)}</div></td>
  <td class="xY a4W" role="gridcell"><div class="xS" role="link"><div class="xT">${
    shownLabels.length > 0 ? html`<div class="yi">${labelChips(shownLabels, false)}</div>` : ''
  }<div class="y6"><span class="bog"><span class="bqe"${permId ? html` data-thread-id="#${permId}"` : ''} data-legacy-thread-id="${thread.threadId}">${subject}</span></span></div><span class="y2"><span class="Zt">&nbsp;-&nbsp;</span>${snippetText(thread.snippet)}</span></div></div></td>
  <td class="xW xY" role="gridcell"><span title="${dateTitle}" aria-label="${dateTitle}">${listDate(thread.lastDate, context)}</span></td>
</tr>`;
}

function listToolbar(total: number, route: Route): SafeHtml {
  const first = total === 0 ? 0 : (route.page - 1) * PAGE_SIZE + 1;
  const last = Math.min(total, route.page * PAGE_SIZE);
  const hasPrevious = route.page > 1;
  const hasNext = last < total;
  const pager = (enabled: boolean, page: number, label: string, icon: SafeHtml) =>
    enabled
      ? html`<a class="standin-round-button" role="button" href="${listHash(route.list, page)}" aria-label="${label}" data-tooltip="${label}">${icon}</a>`
      : html`<span class="standin-round-button standin-disabled" role="button" aria-disabled="true" aria-label="${label}">${icon}</span>`;
  return html`<div class="G-atb standin-toolbar" gh="tm"><div class="standin-toolbar-left" gh="mtb">
  <div class="standin-round-button" role="checkbox" aria-checked="false" aria-label="Select"><span class="standin-checkbox"></span></div>
  <div class="standin-round-button" role="button" aria-label="Refresh" data-tooltip="Refresh" data-standin-action="refresh">${ICONS.refresh}</div>
  <div class="standin-round-button" role="button" aria-label="More email options" data-tooltip="More">${ICONS.more}</div>
</div><div class="standin-toolbar-right"><span class="Dj" aria-label="Showing ${first}-${last} of ${total}"><span class="ts">${first}</span>–<span class="ts">${last}</span> of <span class="ts">${total}</span></span>
${pager(hasPrevious, route.page - 1, 'Newer', ICONS.chevronLeft)}${pager(hasNext, route.page + 1, 'Older', ICONS.chevronRight)}</div></div>`;
}

function inboxTabs(): SafeHtml {
  const tab = (name: string, icon: SafeHtml, selected: boolean) =>
    html`<div class="aKz standin-tab${selected ? ' standin-tab-selected' : ''}" role="tab" aria-selected="${selected ? 'true' : 'false'}" aria-label="${name}">${icon}<span>${name}</span></div>`;
  return html`<div class="aKh standin-tabs" role="tablist" aria-label="Inbox categories">${tab('Primary', ICONS.inbox, true)}${tab('Promotions', ICONS.tag, false)}${tab('Social', ICONS.people, false)}</div>`;
}

function listLabelId(mailbox: PageMailbox, list: MailList): string | undefined | null {
  if (list.kind === 'folder') return FOLDERS[list.folder].labelId;
  if (list.kind === 'label') return labelByName(mailbox, list.labelName)?.id ?? null;
  return undefined;
}

/**
 * The list for `route`. With Gmail's reading pane on (`layout.readingPane === 'right'`) the list carries `.aia`
 * ([gmailjs] `is_preview_pane`, [inboxsdk-getter] `isPreviewPane`) and the open thread, if any, shows beside it.
 */
export function renderList(
  route: Route,
  context: RenderContext,
  layout: PageLayout = DEFAULT_LAYOUT,
  openThread?: PageThread,
): RenderedView {
  const { mailbox } = context;
  const list = route.list;
  const labelId = listLabelId(mailbox, list);
  // A label that does not exist lists nothing, as Gmail shows an empty label page.
  const result =
    labelId === null
      ? { threads: [], total: 0 }
      : mailbox.listThreads({
          labelId,
          query: list.kind === 'search' ? list.query : undefined,
          offset: (route.page - 1) * PAGE_SIZE,
          limit: PAGE_SIZE,
        });
  const empty =
    list.kind === 'search'
      ? 'No messages matched your search. Try using search options such as sender, date, size and more.'
      : `No conversations in ${listName(list)}.`;
  const rows = result.threads.map((thread) => threadRow(thread, list, context));
  const body =
    rows.length > 0
      ? html`<table class="F cf zt" role="grid" aria-readonly="true"><colgroup><col class="Ci"><col class="Ci"><col class="Ci"><col class="yY"><col><col class="xX"></colgroup><tbody>${rows}</tbody></table>`
      : html`<div class="TC standin-empty">${empty}</div>`;
  const heading =
    list.kind === 'folder' && list.folder === 'inbox'
      ? inboxTabs()
      : html`<div class="standin-list-heading"><h2>${listName(list)}</h2>${
          list.kind === 'search' ? html`<span class="standin-query">${list.query}</span>` : ''
        }</div>`;
  if (layout.readingPane === 'right') {
    const pane = openThread
      ? threadBody(route, openThread, context, layout)
      : html`<div class="TC standin-empty standin-pane-empty">No conversations selected</div>`;
    const main = html`<div class="standin-view" data-standin-view="split">${listToolbar(result.total, route)}${heading}<div class="standin-split"><div class="ae4 UI aia" gh="tl"><div class="Cp">${body}</div></div><div class="standin-reading-pane">${pane}</div></div></div>`;
    return { title: pageTitle(mailbox, route), nav: renderNav(mailbox, route), main };
  }
  const main = html`<div class="standin-view" data-standin-view="list">${listToolbar(result.total, route)}${heading}<div class="ae4 UI" gh="tl"><div class="Cp">${body}</div></div></div>`;
  return { title: pageTitle(mailbox, route), nav: renderNav(mailbox, route), main };
}

// ---------- thread view ----------

function recipients(message: PageMessage, mailbox: PageMailbox): SafeHtml {
  const to = message.to.map(
    (address, i) =>
      html`${i > 0 ? ', ' : ''}<span class="g2" email="${address.email}" name="${displayName(address, mailbox)}" data-hovercard-id="${address.email}">${displayName(address, mailbox)}</span>`,
  );
  const cc = message.cc.map(
    (address) =>
      html`, <span class="g2" email="${address.email}" name="${displayName(address, mailbox)}" data-hovercard-id="${address.email}">${displayName(address, mailbox)}</span>`,
  );
  return html`to ${to}${cc}`;
}

function messageBody(message: PageMessage): SafeHtml {
  if (message.text !== undefined && message.text.trim() !== '') {
    return html`<div class="a3s aiL standin-text-body" dir="auto">${message.text}</div>`;
  }
  if (message.html !== undefined) {
    // HTML mail is shown in a sandbox with no scripts and no same-origin access: a hostile body stays inert.
    return html`<iframe class="a3s aiL standin-html-body" sandbox="" referrerpolicy="no-referrer" title="Message body" srcdoc="${message.html}"></iframe>`;
  }
  return html`<div class="a3s aiL standin-text-body">${snippetText(message.snippet)}</div>`;
}

function attachments(message: PageMessage): SafeHtml {
  if (message.attachments.length === 0) return html``;
  return html`<div class="hq gt standin-attachments"><div class="aQH">${message.attachments.map(
    (file) =>
      html`<span class="aZo standin-attachment" title="${file.filename}">${ICONS.attachment}<span class="aV3">${file.filename}</span><span class="SaH2Ve">${formatSize(file.size)}</span></span>`,
  )}</div></div>`;
}

function messageView(message: PageMessage, context: RenderContext): SafeHtml {
  const { mailbox } = context;
  const permId = messagePermId(message.messageId);
  const when = fullDate(message.date, context.timeZone);
  // Header as Gmail lays it out: a table row tr.acZ with the sender in td.gF and the date in .gK .g3.
  return html`<div class="h7" role="listitem"><div class="adn ads"${permId ? html` data-message-id="#${permId}"` : ''} data-legacy-message-id="${message.messageId}">
  <div class="aju">${avatar(message.from)}</div>
  <div class="gs"><div class="gE iv gt"><table class="cf gJ" role="presentation"><tbody><tr class="acZ">
    <td class="gF gK"><h3 class="iw"><span class="qu"><span class="gD" email="${message.from.email}" name="${message.from.name ?? message.from.email}" data-hovercard-id="${message.from.email}">${message.from.name?.trim() || message.from.email}</span> <span class="go"><span aria-hidden="true">&lt;</span>${message.from.email}<span aria-hidden="true">&gt;</span></span></span></h3></td>
    <td class="gH"><div class="gK"><span class="g3" title="${when}" aria-label="${when}">${when}</span></div></td>
    <td class="gH acX"><div class="T-I J-J5-Ji T-I-Js-IF aaq T-I-ax7 L3 standin-round-button" role="button" aria-label="Reply" data-tooltip="Reply" data-standin-action="reply">${ICONS.reply}</div><div class="T-I J-J5-Ji aap T-I-awG T-I-ax7 L3 standin-round-button" role="button" aria-haspopup="true" aria-expanded="false" aria-label="More message options" data-tooltip="More">${ICONS.more}</div></td>
  </tr></tbody></table>
    <div class="hb standin-recipients">${recipients(message, mailbox)}</div></div>
  <div class="ii gt">${messageBody(message)}</div>${attachments(message)}</div>
</div></div>`;
}

function replyTemplate(thread: PageThread, mailbox: PageMailbox): SafeHtml {
  const last = thread.messages[thread.messages.length - 1];
  const own = mailbox.emailAddress().toLowerCase();
  // A reply goes to the last customer who wrote, as Gmail's Reply does for the newest message.
  const customer = [...thread.messages].reverse().find((message) => message.from.email.toLowerCase() !== own);
  const to = customer?.from ?? last?.to[0];
  const subject = /^re:/i.test(thread.subject) ? thread.subject : `Re: ${thread.subject}`;
  return html`<template id="standin-reply-template"><div class="ip adB standin-reply"><div class="aju">${avatar({ email: mailbox.emailAddress(), name: mailbox.displayName() })}</div><div class="M9" role="region" aria-label="Reply">
  <input type="hidden" name="subjectbox" value="${subject}">
  <div class="aoD hl standin-reply-to">${ICONS.reply}<span class="afV" email="${to?.email ?? ''}" name="${to?.name ?? to?.email ?? ''}" data-hovercard-id="${to?.email ?? ''}">${to?.name?.trim() || to?.email || ''}</span></div>
  <table class="iN" role="presentation"><tbody><tr><td class="Ap"><div class="Ar Au"><div class="Am Al editable LW-avf tS-tW" contenteditable="true" g_editable="true" role="textbox" aria-label="Message Body" aria-multiline="true" tabindex="1" spellcheck="true"></div></div></td></tr></tbody></table>
  <div class="btC standin-reply-actions"><div class="dC"><div class="T-I J-J5-Ji aoO v7 T-I-atl L3 standin-send" role="button" tabindex="1" data-tooltip="Send \u202a(Ctrl-Enter)\u202c" aria-label="Send \u202a(Ctrl-Enter)\u202c" data-standin-action="send">Send</div></div>
  <div class="standin-round-button standin-discard" role="button" tabindex="1" aria-label="Discard draft" data-tooltip="Discard draft" data-standin-action="discard">${ICONS.trash}</div></div>
</div></div></template>`;
}

/**
 * A compose window as Gmail pops it out: `div.nH.Hd[role=dialog]` titled by its subject ([compose-html] in
 * src/gmail/dom/selectors.ts), in the compose container `.dw .nH > .nH > .no` ([inboxsdk-getter]), with
 * `input[name=subjectbox]` ([subjectbox]) and the same editable body as the inline reply.
 */
function composeWindow(opts: { title: string; subject: string; reply: boolean; to?: Address }): SafeHtml {
  const { title, subject, reply, to } = opts;
  const subjectField = reply
    ? html`<input type="hidden" name="subjectbox" value="${subject}">`
    : html`<input class="aoT standin-compose-subject" name="subjectbox" placeholder="Subject" aria-label="Subject" value="${subject}">`;
  return html`<div class="nH Hd standin-compose-window" role="dialog" aria-label="${title}"${reply ? html` data-standin-reply="true"` : ''}>
  <div class="standin-compose-head"><h2 class="a3E"><div class="aYF">${title}</div></h2><div class="standin-compose-head-actions"><span class="Hl standin-round-button" role="button" tabindex="0" aria-label="Minimize" data-tooltip="Minimize">${ICONS.expand}</span><span class="Ha standin-round-button" role="button" tabindex="0" aria-label="Save &amp; close" data-tooltip="Save &amp; close" data-standin-action="close-compose">${ICONS.close}</span></div></div>
  ${subjectField}${
    to
      ? html`<div class="aoD hl standin-compose-to"><span class="afV" email="${to.email}" name="${to.name ?? to.email}" data-hovercard-id="${to.email}">${to.name?.trim() || to.email}</span></div>`
      : html`<div class="aoD hl standin-compose-to"><input class="agP aFw" aria-label="To recipients" placeholder="Recipients"></div>`
  }
  <table class="iN" role="presentation"><tbody><tr><td class="Ap"><div class="Ar Au"><div class="Am Al editable LW-avf tS-tW" contenteditable="true" g_editable="true" role="textbox" aria-label="Message Body" aria-multiline="true" tabindex="1" spellcheck="true"></div></div></td></tr></tbody></table>
  <div class="btC standin-reply-actions"><div class="dC"><div class="T-I J-J5-Ji aoO v7 T-I-atl L3 standin-send" role="button" tabindex="1" data-tooltip="Send \u202a(Ctrl-Enter)\u202c" aria-label="Send \u202a(Ctrl-Enter)\u202c" data-standin-action="send">Send</div></div>
  <div class="standin-round-button standin-discard" role="button" tabindex="1" aria-label="Discard draft" data-tooltip="Discard draft" data-standin-action="close-compose">${ICONS.trash}</div></div>
</div>`;
}

/** The reply as a pop-out window, for `standin-reply=popout`: the subject names the thread ("Re: …"). */
function popoutReplyTemplate(thread: PageThread): SafeHtml {
  const subject = /^re:/i.test(thread.subject) ? thread.subject : `Re: ${thread.subject}`;
  return html`<template id="standin-popout-reply-template">${composeWindow({ title: subject, subject, reply: true })}</template>`;
}

/** A new message from the Compose button. */
function newMessageTemplate(): SafeHtml {
  return html`<template id="standin-compose-template">${composeWindow({ title: 'New Message', subject: '', reply: false })}</template>`;
}

export function renderThread(
  route: Route,
  thread: PageThread,
  context: RenderContext,
  layout: PageLayout = DEFAULT_LAYOUT,
): RenderedView {
  const { mailbox } = context;
  const back = listHash(route.list, route.page);
  const backLabel = `Back to ${listName(route.list)}`;
  const subject = thread.subject || '(no subject)';
  const main = html`<div class="standin-view" data-standin-view="thread">
<div class="G-atb standin-toolbar" gh="tm"><div class="standin-toolbar-left" gh="mtb">
  <a class="T-I J-J5-Ji lS T-I-ax7 ar7 standin-round-button" role="button" href="${back}" aria-label="${backLabel}" data-tooltip="${backLabel}">${ICONS.back}</a>
  <div class="standin-round-button" role="button" aria-label="Archive" data-tooltip="Archive">${ICONS.archive}</div>
  <div class="standin-round-button" role="button" aria-label="Report spam" data-tooltip="Report spam">${ICONS.report}</div>
  <div class="standin-round-button" role="button" aria-label="Delete" data-tooltip="Delete">${ICONS.trash}</div>
  <div class="standin-round-button" role="button" aria-label="Mark as unread" data-tooltip="Mark as unread">${ICONS.mail}</div>
  <div class="standin-round-button" role="button" aria-label="Labels" data-tooltip="Labels">${ICONS.label}</div>
</div></div>
${threadBody(route, thread, context, layout)}</div>`;
  return { title: pageTitle(mailbox, route, subject), nav: renderNav(mailbox, route), main };
}

/** The conversation itself: heading with Gmail's ids, messages, the reply bar and the reply's templates. */
function threadBody(_route: Route, thread: PageThread, context: RenderContext, layout: PageLayout): SafeHtml {
  const { mailbox } = context;
  const permId = threadPermId(thread.threadId);
  const folderChips: string[] = [];
  if (thread.labelIds.includes('INBOX')) folderChips.push('Inbox');
  const subject = thread.subject || '(no subject)';
  return html`<div class="nH if standin-thread" data-standin-reply-in="${layout.replyIn}">
  <div class="ha"><h2 class="hP" tabindex="-1"${permId ? html` data-thread-perm-id="${permId}"` : ''} data-legacy-thread-id="${thread.threadId}">${subject}</h2><span class="J-J5-Ji standin-thread-labels">${labelChips(folderChips, false)}${labelChips(thread.labelNames, true)}</span></div>
  <div class="standin-messages" role="list">${thread.messages.map((message) => messageView(message, context))}</div>
  <div class="amn standin-reply-bar"><span class="ams bkH standin-pill" role="link" tabindex="0" data-standin-action="reply">${ICONS.reply}Reply</span><span class="ams bkG standin-pill" role="link" tabindex="0">${ICONS.forward}Forward</span></div>
  <div class="standin-reply-slot"></div>
  ${replyTemplate(thread, mailbox)}${popoutReplyTemplate(thread)}
</div>`;
}

export function renderMissingThread(route: Route, context: RenderContext): RenderedView {
  const back = listHash(route.list, route.page);
  const main = html`<div class="standin-view" data-standin-view="missing"><div class="G-atb standin-toolbar" gh="tm"><div class="standin-toolbar-left" gh="mtb"><a class="standin-round-button" role="button" href="${back}" aria-label="Back to ${listName(route.list)}">${ICONS.back}</a></div></div><div class="TC standin-empty">The conversation that you requested could not be loaded.</div></div>`;
  return { title: pageTitle(context.mailbox, route), nav: renderNav(context.mailbox, route), main };
}

// ---------- the page ----------

/**
 * The whole document for `/mail/u/N/` (or a delegated `/mail/u/N/d/<token>/`), with the view for the route
 * already in it (the client then takes over). The layout's theme and density are classes on <html> that only
 * the stand-in's stylesheet reads: Gmail's own markers for them are not public, so the DOM adapter reads
 * what the page paints (src/gmail/dom/look.ts), as it must on real Gmail.
 */
export function renderPage(
  view: RenderedView,
  mailbox: PageMailbox,
  layout: PageLayout = DEFAULT_LAYOUT,
): SafeHtml {
  const email = mailbox.emailAddress();
  const name = mailbox.displayName();
  const classes = [`standin-theme-${layout.theme}`, `standin-density-${layout.density}`].join(' ');
  return html`<!doctype html>
<html lang="en" class="${classes}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${view.title}</title>
<link rel="icon" href="${ASSET_PREFIX}favicon.svg" type="image/svg+xml">
<link rel="stylesheet" href="${ASSET_PREFIX}gmail.css">
<script src="${ASSET_PREFIX}client.js" defer></script>
</head><body>
<div class="standin-app" data-standin-base="${ASSET_PREFIX}" data-standin-layout="${layoutQuery(layout)}">
<header class="gb_ standin-header" role="banner">
  <div class="standin-header-left"><div class="standin-round-button" role="button" aria-label="Main menu" aria-expanded="true">${ICONS.menu}</div>
    <a class="standin-logo" href="#inbox" title="Gmail" aria-label="Gmail">${GMAIL_LOGO}<span>Gmail</span></a></div>
  <form class="gb_ standin-search" role="search" gh="sb" aria-label="Search mail" autocomplete="off">
    <button class="standin-round-button" type="submit" aria-label="Search mail">${ICONS.search}</button>
    <input type="text" name="q" aria-label="Search mail" placeholder="Search mail" spellcheck="false" dir="ltr">
    <button class="standin-round-button" type="button" aria-label="Advanced search options">${ICONS.tune}</button>
  </form>
  <div class="standin-header-right">
    <div class="standin-round-button" role="button" aria-label="Support" data-tooltip="Support">${ICONS.help}</div>
    <div class="standin-round-button" role="button" aria-label="Settings" data-tooltip="Settings">${ICONS.settings}</div>
    <div class="standin-round-button" role="button" aria-label="Google apps" data-tooltip="Google apps">${ICONS.apps}</div>
    <a class="gb_A gb_Za standin-account" role="button" tabindex="0" href="https://accounts.google.com/SignOutOptions?hl=en&amp;continue=https://mail.google.com/mail/&amp;service=mail" aria-label="Google Account: ${name} (${email})" title="Google Account: ${name}&#10;${email}">${avatar({ email, name })}</a>
  </div>
</header>
<div class="standin-body">
  <div class="aeN standin-nav" role="navigation">${view.nav}</div>
  <div class="bkK standin-main-wrap"><div class="nH standin-main" role="main">${view.main}</div></div>
  <div class="brC-brG" aria-hidden="true"></div>
  <div class="brC-aT5-aOt-Jw standin-side-strip" role="navigation" aria-label="Side panel">
    <div class="standin-round-button" role="button" aria-label="Calendar" data-tooltip="Calendar">${ICONS.calendar}</div>
    <div class="standin-round-button" role="button" aria-label="Keep" data-tooltip="Keep">${ICONS.keep}</div>
    <div class="standin-round-button" role="button" aria-label="Tasks" data-tooltip="Tasks">${ICONS.tasks}</div>
    <div class="standin-round-button" role="button" aria-label="Contacts" data-tooltip="Contacts">${ICONS.contacts}</div>
    <div class="standin-strip-rule"></div>
    <div class="standin-round-button" role="button" aria-label="Get add-ons" data-tooltip="Get add-ons">${ICONS.plus}</div>
  </div>
</div>
<div class="dw standin-compose-dock"><div class="nH"><div class="nH"><div class="no standin-compose-windows"></div></div></div></div>
${newMessageTemplate()}
<div class="vh standin-toast" role="alert" aria-live="assertive" hidden></div>
</div>
</body></html>`;
}
