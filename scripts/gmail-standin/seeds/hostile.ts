/**
 * A hostile mailbox (issue 8): the hostile-input corpus (test/fixtures/hostile) delivered into a running
 * stand-in as raw RFC 822 mail, the way it would arrive by SMTP: malformed MIME as written, and one message per
 * corpus text carrying it in its Subject, From name and address, HTML body and attachment name (RFC 2047 /
 * base64, so control characters survive the trip), plus label names made by hand, a 10 MB message and a
 * 1,000-message thread. Sync tests and the browser test use it; the demo seed stays untouched.
 */
import {
  addresses,
  attachmentNames,
  bigBody,
  bodies,
  generatedCase,
  labelNames,
  mime,
  names,
  subjects,
} from '../../../test/fixtures/hostile/corpus';
import type { Mailbox } from '../mailbox';

export interface HostileMail {
  /** Corpus case id → the thread it landed in. */
  threads: Map<string, string>;
  /** The thread of 1,000 messages. */
  longThread: string;
  /** The thread whose one message is 10 MB. */
  bigThread: string;
  /** Label names the stand-in (like Gmail) refused to create; their threads carry only the status. */
  refusedLabels: string[];
}

export interface HostileOptions {
  /** Only these case ids (all when absent): the browser test opens a few threads, not hundreds. */
  only?: ReadonlySet<string>;
  /** Leave out the 10 MB message and the 1,000-message thread. */
  withoutBigCases?: boolean;
  /** The mailbox's address, for To. */
  to?: string;
}

const at = <T>(list: readonly T[], i: number): T => list[i % list.length] as T;

/** An RFC 2047 encoded word of any text (a header then carries control characters and any script safely). */
export function encodedWord(text: string): string {
  return `=?utf-8?B?${Buffer.from(text, 'utf8').toString('base64')}?=`;
}

/** `base64` body lines of at most 76 characters (RFC 2045). */
function base64Lines(text: string): string {
  return (
    Buffer.from(text, 'utf8')
      .toString('base64')
      .match(/.{1,76}/g) ?? []
  ).join('\r\n');
}

let messageCounter = 0;
function messageId(): string {
  messageCounter += 1;
  return `<hostile-${messageCounter}-${Date.now().toString(36)}@evil.example>`;
}

/** One message carrying a corpus text in every field: subject, From name, HTML and text body, attachment name. */
export function fieldsMessage(options: {
  subject: string;
  fromName: string;
  fromAddress: string;
  html: string;
  text: string;
  attachmentName: string;
  to: string;
  date?: Date;
  headers?: Record<string, string>;
}): string {
  const boundary = 'hostile_mixed_0';
  const alternative = 'hostile_alt_0';
  // An address the parser cannot take still has to reach the page: put it in the name, keep a real address.
  const lines = [
    `From: ${encodedWord(options.fromName)} <mallory@evil.example>`,
    `Reply-To: ${encodedWord(options.fromAddress)} <mallory@evil.example>`,
    `To: ${options.to}`,
    `Subject: ${encodedWord(options.subject)}`,
    `Date: ${(options.date ?? new Date()).toUTCString().replace('GMT', '+0000')}`,
    `Message-ID: ${messageId()}`,
    ...Object.entries(options.headers ?? {}).map(([name, value]) => `${name}: ${value}`),
    'MIME-Version: 1.0',
    `Content-Type: multipart/mixed; boundary="${boundary}"`,
    '',
    `--${boundary}`,
    `Content-Type: multipart/alternative; boundary="${alternative}"`,
    '',
    `--${alternative}`,
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: base64',
    '',
    base64Lines(options.text),
    `--${alternative}`,
    'Content-Type: text/html; charset=utf-8',
    'Content-Transfer-Encoding: base64',
    '',
    base64Lines(options.html),
    `--${alternative}--`,
    `--${boundary}`,
    `Content-Type: application/octet-stream; name="${encodedWord(options.attachmentName)}"`,
    `Content-Disposition: attachment; filename="${encodedWord(options.attachmentName)}"`,
    'Content-Transfer-Encoding: base64',
    '',
    base64Lines('not really a file'),
    `--${boundary}--`,
    '',
  ];
  return lines.join('\r\n');
}

/** Delivers the corpus into the mailbox (INBOX, as received mail) and returns where each case landed. */
export async function addHostileMail(mailbox: Mailbox, options: HostileOptions = {}): Promise<HostileMail> {
  const to = options.to ?? mailbox.emailAddress;
  const wanted = (id: string) => options.only === undefined || options.only.has(id);
  const threads = new Map<string, string>();
  const deliver = async (id: string, raw: string) => {
    const message = await mailbox.addRawMessage({
      raw: Buffer.from(raw, 'utf8'),
      mode: 'insert',
      labelIds: ['INBOX'],
    });
    threads.set(id, message.threadId);
    return message;
  };

  for (const c of mime) if (wanted(c.id)) await deliver(c.id, c.raw);

  const texts = [...subjects, ...names, ...bodies, ...attachmentNames];
  for (const [i, c] of texts.entries()) {
    if (!wanted(c.id)) continue;
    const body = bodies.find((b) => b.id === c.id) ?? at(bodies, i);
    await deliver(
      c.id,
      fieldsMessage({
        subject: subjects.includes(c) ? c.value : `Hostile ${c.id}: ${c.value}`,
        fromName: names.includes(c) ? c.value : at(names, i).value,
        fromAddress: at(addresses, i).value,
        html: body.format === 'html' ? body.value : `<p>${at(subjects, i).value}</p>`,
        text: body.format === 'text' ? body.value : at(subjects, i).value,
        attachmentName: attachmentNames.includes(c) ? c.value : at(attachmentNames, i).value,
        to,
      }),
    );
  }

  // Labels made by hand: each on a ticket of its own, next to a valid status.
  const refusedLabels: string[] = [];
  const open =
    mailbox.findLabelByName('Helpdesk/Status/Open') ?? mailbox.createLabel({ name: 'Helpdesk/Status/Open' });
  for (const [i, c] of labelNames.entries()) {
    if (!wanted(c.id)) continue;
    const message = await deliver(
      c.id,
      fieldsMessage({
        subject: `Hostile label ${c.id}`,
        fromName: at(names, i).value,
        fromAddress: at(addresses, i).value,
        html: '<p>label</p>',
        text: 'label',
        attachmentName: 'label.txt',
        to,
      }),
    );
    let label = mailbox.findLabelByName(c.value);
    if (!label) {
      try {
        label = mailbox.createLabel({ name: c.value });
      } catch {
        refusedLabels.push(c.value);
      }
    }
    mailbox.modifyThread(message.threadId, [open.id, ...(label ? [label.id] : [])], []);
  }

  let longThread = '';
  let bigThread = '';
  if (!options.withoutBigCases) {
    const spec = generatedCase('big-message-10mb-html', 'message');
    const big = await deliver(
      spec.id,
      fieldsMessage({
        subject: 'Hostile: a 10 MB message',
        fromName: 'Big Sender',
        fromAddress: 'big@evil.example',
        html: bigBody(spec),
        text: 'see the HTML part',
        attachmentName: 'big.txt',
        to,
      }),
    );
    bigThread = big.threadId;

    const thread = generatedCase('big-thread-1000', 'thread');
    const references: string[] = [];
    for (let i = 0; i < thread.messages; i++) {
      const id = messageId();
      const head = [
        `From: ${encodedWord(at(names, i).value)} <customer${i % 7}@evil.example>`,
        `To: ${to}`,
        `Subject: ${i === 0 ? thread.subject : `Re: ${thread.subject}`}`,
        `Date: ${new Date(Date.UTC(2026, 10, 20) + i * 60_000).toUTCString().replace('GMT', '+0000')}`,
        `Message-ID: ${id}`,
        ...(references.length > 0
          ? [`In-Reply-To: ${references.at(-1)}`, `References: ${references.slice(-20).join(' ')}`]
          : []),
        'MIME-Version: 1.0',
        'Content-Type: text/plain; charset=utf-8',
        '',
        `Message ${i + 1}: ${at(subjects, i).value}`,
        '',
      ].join('\r\n');
      const message = await mailbox.addRawMessage({
        raw: Buffer.from(head, 'utf8'),
        mode: 'insert',
        labelIds: ['INBOX'],
        ...(longThread ? { threadId: longThread } : {}),
      });
      if (i === 0) longThread = message.threadId;
      references.push(id);
    }
    threads.set(thread.id, longThread);
  }
  return { threads, longThread, bigThread, refusedLabels };
}
