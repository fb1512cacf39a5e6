/**
 * Gmail's hash routes: `#inbox`, `#starred`, `#sent`, `#label/<name>`, `#search/<query>`, each optionally
 * followed by a page (`/p2`) or an open thread (`/<token>`, or a legacy hex id). Segments are URL-encoded with
 * `+` for spaces, so a nested label reads `#label/Helpdesk%2FStatus%2FOn+hold` as in Gmail.
 */

export const FOLDERS = {
  inbox: { labelId: 'INBOX', name: 'Inbox' },
  starred: { labelId: 'STARRED', name: 'Starred' },
  imp: { labelId: 'IMPORTANT', name: 'Important' },
  sent: { labelId: 'SENT', name: 'Sent' },
  all: { labelId: undefined, name: 'All Mail' },
  spam: { labelId: 'SPAM', name: 'Spam' },
  trash: { labelId: 'TRASH', name: 'Trash' },
} as const;

export type FolderName = keyof typeof FOLDERS;

export type MailList =
  | { kind: 'folder'; folder: FolderName }
  | { kind: 'label'; labelName: string }
  | { kind: 'search'; query: string };

export interface Route {
  list: MailList;
  /** 1-based page of the list. */
  page: number;
  /** The thread segment as written in the URL (a token or a hex id), when a thread is open. */
  thread?: string;
}

export const INBOX_ROUTE: Route = { list: { kind: 'folder', folder: 'inbox' }, page: 1 };

function isFolder(name: string): name is FolderName {
  return Object.hasOwn(FOLDERS, name);
}

/** One URL segment → text; undefined when it is not valid percent-encoding. */
function decodeSegment(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment.replace(/\+/g, ' '));
  } catch {
    return undefined;
  }
}

export function encodeSegment(text: string): string {
  return encodeURIComponent(text).replace(/%20/g, '+');
}

/** Parses `location.hash` (with or without `#`); anything unknown is the inbox, as Gmail does. */
export function parseRoute(hash: string): Route {
  const [head = '', ...rest] = hash.replace(/^#/, '').split('/');
  let list: MailList | undefined;
  let tail = rest;
  if (isFolder(head)) {
    list = { kind: 'folder', folder: head };
  } else if ((head === 'label' || head === 'search') && rest.length > 0) {
    const text = decodeSegment(rest[0] ?? '');
    if (text !== undefined && text.trim() !== '') {
      list = head === 'label' ? { kind: 'label', labelName: text } : { kind: 'search', query: text };
    }
    tail = rest.slice(1);
  }
  if (!list) return INBOX_ROUTE;
  const [next = ''] = tail;
  const pageMatch = /^p([1-9][0-9]{0,5})$/.exec(next);
  if (pageMatch) return { list, page: Number(pageMatch[1]) };
  if (/^[A-Za-z0-9]{1,200}$/.test(next)) return { list, page: 1, thread: next };
  return { list, page: 1 };
}

export function listHash(list: MailList, page = 1): string {
  let hash: string;
  if (list.kind === 'folder') hash = `#${list.folder}`;
  else if (list.kind === 'label') hash = `#label/${encodeSegment(list.labelName)}`;
  else hash = `#search/${encodeSegment(list.query)}`;
  return page > 1 ? `${hash}/p${page}` : hash;
}

export function threadHash(list: MailList, token: string): string {
  return `${listHash(list)}/${token}`;
}
