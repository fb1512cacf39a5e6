/**
 * Which mailbox the tab shows, and whether a write through the API token would land in it.
 *
 * - `/mail/u/<N>/` is the N-th signed-in Google account of the browser ([design] DESIGN.md section 1: the
 *   token's `login_hint` picks the same account).
 * - `/mail/u/<N>/d/<token>/` is a mailbox delegated to account N; the token is opaque, it does not spell
 *   the address. Observed on real Gmail and written up publicly, e.g. an Electron Gmail client's
 *   `GMAIL_DELEGATED_ACCOUNT_URL_REGEXP`, `${GMAIL_URL}/d/([^/]+)` with GMAIL_URL =
 *   `https://mail.google.com/mail/u/0` (and links such as `/mail/u/0/d/AEoRXRT…/#inbox` in public code):
 *   https://github.com/zoidsh/meru/blob/main/packages/shared/gmail.ts
 *   A delegated mailbox opens in its own tab from the account menu, where it is labelled "(delegated)":
 *   https://help.swmitech.org/accessing-delegated-email-gmail (Google's page: support.google.com/mail/answer/138350).
 * - The tab's title names the mailbox shown: "Inbox (3) - support@shop.example - Gmail" ([title] in
 *   test/conformance/gmail-page-facts.test.ts). The account button names the signed-in Google account
 *   ("Google Account: Name (address)", [design]). What the button shows in a delegated tab is not
 *   documented publicly (the signed-in delegate, or the mailbox marked "delegated"), so a delegated tab
 *   reads its mailbox from the title, which names the mailbox shown in every tab. Only the address is
 *   matched: both texts are localised.
 */
import { gmailSelectors, queryGmail } from './selectors';

export interface GmailMailbox {
  /** The mailbox the tab shows, lower case; undefined when the page names none (Gmail changed). */
  address: string | undefined;
  /** `N` of `/mail/u/N/`; 0 when the path has none. */
  accountIndex: number;
  /** True in `/mail/u/N/d/<token>/` tabs. */
  delegated: boolean;
  /** The opaque `/d/<token>/` segment of a delegated tab. */
  delegationToken?: string;
  /** The address the account button names (the signed-in account; not trusted for the mailbox in a delegated tab). */
  signedInAs?: string;
  /** Where `address` came from. */
  source?: 'account-button' | 'title';
}

const EMAIL = /[\w.%+-]+@[\w-]+(?:\.[\w-]+)+/;
const ACCOUNT_PATH = /^\/mail\/u\/(\d{1,2})(?:\/|$)/;
const DELEGATED_PATH = /^\/mail\/u\/\d{1,2}\/d\/([A-Za-z0-9_-]+)(?:\/|$)/;

function addressIn(text: string | null | undefined): string | undefined {
  return text ? EMAIL.exec(text)?.[0].toLowerCase() : undefined;
}

/** `/mail/u/1/` → 1; `/mail/u/0/d/AEoRX…/` → delegated. Pure, so it can be tested on any path. */
export function mailboxPath(
  pathname: string,
): Pick<GmailMailbox, 'accountIndex' | 'delegated' | 'delegationToken'> {
  const index = ACCOUNT_PATH.exec(pathname)?.[1];
  const token = DELEGATED_PATH.exec(pathname)?.[1];
  return {
    accountIndex: index === undefined ? 0 : Number(index),
    delegated: token !== undefined,
    ...(token === undefined ? {} : { delegationToken: token }),
  };
}

/** Reads the mailbox from the URL, the account button and the title. Never throws. */
export function readMailbox(doc: Document, pathname = doc.location?.pathname ?? ''): GmailMailbox {
  const path = mailboxPath(pathname);
  let signedInAs: string | undefined;
  let fromTitle: string | undefined;
  try {
    signedInAs = addressIn(queryGmail(doc, gmailSelectors.accountButton)?.getAttribute('aria-label'));
    fromTitle = addressIn(doc.title);
  } catch {
    // a page so broken that reading it throws: no address, the caller says Gmail changed
  }
  const base = { ...path, ...(signedInAs === undefined ? {} : { signedInAs }) };
  if (path.delegated) {
    // The button names the delegate, not the mailbox: only the title will do.
    return fromTitle === undefined
      ? { ...base, address: undefined }
      : { ...base, address: fromTitle, source: 'title' };
  }
  if (signedInAs !== undefined) return { ...base, address: signedInAs, source: 'account-button' };
  if (fromTitle !== undefined) return { ...base, address: fromTitle, source: 'title' };
  return { ...base, address: undefined };
}

export type MailboxWriteCheck =
  | { ok: true; address: string }
  | {
      ok: false;
      /**
       * - `mailbox-unknown`: the page names no mailbox (Gmail changed); nothing can be checked.
       * - `token-unknown`: no token account yet (not signed in to the API).
       * - `other-account`: the token belongs to another mailbox than the tab shows.
       * - `delegated`: a delegated tab and a token of another account than the delegated mailbox (the
       *   delegate's own): the API refuses delegates (`403 Delegation denied`, DESIGN.md section 1).
       */
      reason: 'mailbox-unknown' | 'token-unknown' | 'other-account' | 'delegated';
      mailbox?: string;
      tokenAccount?: string;
    };

/**
 * Whether a write with a token of `tokenAccountEmail` (from `users.getProfile().emailAddress`) would change
 * the mailbox this tab shows. The lead calls it before every write.
 */
export function checkMailboxForWrites(
  mailbox: GmailMailbox,
  tokenAccountEmail: string | undefined,
): MailboxWriteCheck {
  const tokenAccount = tokenAccountEmail?.trim().toLowerCase();
  const address = mailbox.address;
  if (address === undefined) {
    return { ok: false, reason: 'mailbox-unknown', ...(tokenAccount ? { tokenAccount } : {}) };
  }
  if (!tokenAccount) return { ok: false, reason: 'token-unknown', mailbox: address };
  if (tokenAccount === address) return { ok: true, address };
  // In a delegated tab any other token is the delegate's (or another account's): the API would refuse it or
  // write elsewhere.
  return {
    ok: false,
    reason: mailbox.delegated ? 'delegated' : 'other-account',
    mailbox: address,
    tokenAccount,
  };
}

export type MailboxNoticeKey = 'domWriteOtherAccount' | 'domWriteDelegated' | 'domMailboxUnknown';

/**
 * The locale key and substitutions that explain a refused write, for `t(key, substitutions)`; undefined
 * when the write may go ahead, or when there is no token yet (signing in is the sidebar's own notice).
 */
export function mailboxWriteNotice(
  check: MailboxWriteCheck,
): { key: MailboxNoticeKey; substitutions: string[] } | undefined {
  if (check.ok || check.reason === 'token-unknown') return undefined;
  if (check.reason === 'mailbox-unknown') return { key: 'domMailboxUnknown', substitutions: [] };
  if (check.reason === 'delegated') return { key: 'domWriteDelegated', substitutions: [check.mailbox ?? ''] };
  return { key: 'domWriteOtherAccount', substitutions: [check.mailbox ?? '', check.tokenAccount ?? ''] };
}
