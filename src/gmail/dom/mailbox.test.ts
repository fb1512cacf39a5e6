// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { loadFixture } from './fixtures.test-helper';
import {
  checkMailboxForWrites,
  type GmailMailbox,
  mailboxPath,
  mailboxWriteNotice,
  readMailbox,
} from './mailbox';

const MAILBOX = 'support@northwind-shop.example';

afterEach(() => {
  document.body.innerHTML = '';
  document.title = '';
});

describe('mailboxPath', () => {
  it.each([
    ['/mail/u/0/', { accountIndex: 0, delegated: false }],
    ['/mail/u/1/', { accountIndex: 1, delegated: false }],
    ['/mail/u/12/', { accountIndex: 12, delegated: false }],
    ['/mail/', { accountIndex: 0, delegated: false }],
    [
      '/mail/u/0/d/AEoRXRTpk-vnl6i_A_JlRYw6MkDiC4PKNiBFMfjDlPZe5HKmE9ML/',
      {
        accountIndex: 0,
        delegated: true,
        delegationToken: 'AEoRXRTpk-vnl6i_A_JlRYw6MkDiC4PKNiBFMfjDlPZe5HKmE9ML',
      },
    ],
    ['/mail/u/2/d/AB', { accountIndex: 2, delegated: true, delegationToken: 'AB' }],
  ])('%s', (path, expected) => {
    expect(mailboxPath(path)).toEqual(expected);
  });
});

describe('readMailbox on the committed layouts', () => {
  it('the first account: the address from the account button', async () => {
    const fixture = loadFixture('thread-list');
    expect(readMailbox(fixture.document)).toEqual({
      address: MAILBOX,
      accountIndex: 0,
      delegated: false,
      signedInAs: MAILBOX,
      source: 'account-button',
    });
    await fixture.close();
  });

  it('a second account at /mail/u/1/', async () => {
    const fixture = loadFixture('account-1');
    expect(readMailbox(fixture.document)).toMatchObject({
      address: MAILBOX,
      accountIndex: 1,
      delegated: false,
    });
    await fixture.close();
  });

  it('a delegated mailbox at /mail/u/0/d/<token>/: the address from the title', async () => {
    const fixture = loadFixture('delegated');
    expect(readMailbox(fixture.document)).toMatchObject({
      address: MAILBOX,
      accountIndex: 0,
      delegated: true,
      delegationToken: 'AEoRXRTstandinDelegatedMailbox0',
      source: 'title',
    });
    await fixture.close();
  });
});

describe('readMailbox', () => {
  it('in a delegated tab trusts the title, not the account button', () => {
    document.body.innerHTML =
      '<header><a aria-label="Google Account: Ada Agent (ada@northwind-shop.example)" href="https://accounts.google.com/x"></a></header>';
    document.title = `Inbox (3) - ${MAILBOX} - Gmail`;
    const mailbox = readMailbox(document, '/mail/u/0/d/AEoRXRT1/');
    expect(mailbox).toMatchObject({
      address: MAILBOX,
      signedInAs: 'ada@northwind-shop.example',
      source: 'title',
    });
  });

  it('reads a localised account button and falls back to the title', () => {
    document.body.innerHTML =
      '<header><a aria-label="Аккаунт Google: Поддержка (Support@Northwind-Shop.example)" href="https://accounts.google.com/x"></a></header>';
    expect(readMailbox(document, '/mail/u/3/')).toMatchObject({ address: MAILBOX, accountIndex: 3 });
    document.body.innerHTML = '';
    document.title = 'Входящие (3) - agent@shop.example - Gmail';
    expect(readMailbox(document, '/mail/u/0/')).toMatchObject({
      address: 'agent@shop.example',
      source: 'title',
    });
  });

  it('says nothing when the page names no address', () => {
    document.title = 'Gmail';
    expect(readMailbox(document, '/mail/u/0/').address).toBeUndefined();
  });
});

describe('checkMailboxForWrites', () => {
  const own: GmailMailbox = { address: MAILBOX, accountIndex: 0, delegated: false };
  const delegated: GmailMailbox = {
    address: MAILBOX,
    accountIndex: 0,
    delegated: true,
    delegationToken: 'AEoRXRT1',
    signedInAs: 'ada@northwind-shop.example',
  };

  it.each([
    ['the same mailbox, any case', own, 'Support@Northwind-Shop.example', { ok: true, address: MAILBOX }],
    ['another account', own, 'ada@northwind-shop.example', { ok: false, reason: 'other-account' }],
    ['no token account yet', own, undefined, { ok: false, reason: 'token-unknown' }],
    [
      'a page that names no mailbox',
      { ...own, address: undefined },
      MAILBOX,
      { ok: false, reason: 'mailbox-unknown' },
    ],
    [
      "the delegate's own token in a delegated tab",
      delegated,
      'ada@northwind-shop.example',
      { ok: false, reason: 'delegated' },
    ],
    ["the delegated mailbox's own token", delegated, MAILBOX, { ok: true, address: MAILBOX }],
  ] as const)('%s', (_, mailbox, token, expected) => {
    expect(checkMailboxForWrites(mailbox, token)).toMatchObject(expected);
  });
});

describe('mailboxWriteNotice', () => {
  it.each([
    [{ ok: true, address: MAILBOX }, undefined],
    [{ ok: false, reason: 'token-unknown', mailbox: MAILBOX }, undefined],
    [
      { ok: false, reason: 'mailbox-unknown' },
      { key: 'domMailboxUnknown', substitutions: [] },
    ],
    [
      { ok: false, reason: 'delegated', mailbox: MAILBOX, tokenAccount: 'ada@x.example' },
      { key: 'domWriteDelegated', substitutions: [MAILBOX] },
    ],
    [
      { ok: false, reason: 'other-account', mailbox: MAILBOX, tokenAccount: 'ada@x.example' },
      { key: 'domWriteOtherAccount', substitutions: [MAILBOX, 'ada@x.example'] },
    ],
  ] as const)('%j', (check, expected) => {
    expect(mailboxWriteNotice(check)).toEqual(expected);
  });
});
