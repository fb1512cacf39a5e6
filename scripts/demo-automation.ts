/**
 * What happens in the demo mailbox while `npm start` runs (issue 6: "the demo shows an acknowledgement, an
 * SLA clock and a CSAT answer"). Nothing here acts for Labeldesk: the agent's browser, the mailbox's
 * automation runner, does the work; this script only plays the customers and the agent's earlier click.
 *
 * 1. Before the browser starts: the newest Solved ticket gets the activity record an agent's "Solved" click
 *    writes, dated three hours ago, so the runner's first pass finds its survey due (delay: 2 hours).
 * 2. After the browser's first sync: a customer writes a new email (an RFC 2047 subject, as a Polish mail
 *    client writes it); the runner acknowledges it with the time a person will answer.
 * 3. Once the survey is in the solved ticket's thread, its customer clicks "good" (the mailto link's subject)
 *    and adds a comment; the runner records the answer, labels and archives it.
 */
import { randomUUID } from 'node:crypto';
import libmime from 'libmime';
import { surveyAnswerSubject } from '../src/core/auto-mail/texts';
import { recordToRfc822 } from '../src/core/records';
import type { Address } from './gmail-standin/contracts';
import type { Mailbox, StoredMessage } from './gmail-standin/mailbox';
import { DEMO_AUTOMATION, DEMO_RECORDS_LABEL } from './gmail-standin/seeds/demo-records';

/** Long enough for the browser's first full sync: a thread that arrives before it is triaged only then. */
export const DEMO_ARRIVAL_DELAY_MS = 45_000;
export const DEMO_ARRIVAL_SUBJECT = 'Kiedy wyślecie zamówienie 4471?';
const SOLVED_LABEL = 'Helpdesk/Status/Solved';
const HOUR_MS = 3_600_000;

function rfc5322Date(at: Date): string {
  return at.toUTCString().replace('GMT', '+0000');
}

function customerMail(input: {
  fromName: string;
  from: string;
  to: string;
  subject: string;
  body: string;
  date: Date;
}): Buffer {
  const headers = [
    `From: ${libmime.encodeWords(input.fromName, 'B')} <${input.from}>`,
    `To: ${input.to}`,
    `Subject: ${libmime.encodeWords(input.subject, 'B')}`,
    `Date: ${rfc5322Date(input.date)}`,
    `Message-ID: <demo-${randomUUID()}@${input.from.split('@')[1] ?? 'customer.example'}>`,
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: base64',
  ];
  const body = Buffer.from(input.body.replace(/\n/g, '\r\n'), 'utf8')
    .toString('base64')
    .replace(/.{1,76}/g, '$&\r\n');
  return Buffer.from(`${headers.join('\r\n')}\r\n\r\n${body}`, 'ascii');
}

/** The new customer email of step 2. */
export function demoArrivalRaw(now: Date, mailbox: string): Buffer {
  return customerMail({
    fromName: 'Katarzyna Wiśniewska',
    from: 'k.wisniewska@poczta.example',
    to: mailbox,
    subject: DEMO_ARRIVAL_SUBJECT,
    date: now,
    body: [
      'Dzień dobry,',
      '',
      'w poniedziałek zamówiłam czajnik (zamówienie 4471) i nadal nie dostałam numeru przesyłki.',
      'Kiedy zamówienie zostanie wysłane?',
      '',
      'Pozdrawiam,',
      'Katarzyna Wiśniewska',
    ].join('\n'),
  });
}

/** Step 1: the newest Solved thread, marked solved by Anna three hours before `now`. Its thread id. */
export async function markNewestSolved(mailbox: Mailbox, now: number): Promise<string | undefined> {
  const solved = mailbox.findLabelByName(SOLVED_LABEL);
  const records = mailbox.findLabelByName(DEMO_RECORDS_LABEL);
  if (!solved || !records) return undefined;
  const [threadId] = mailbox.listThreads({ labelIds: [solved.id] });
  if (!threadId) return undefined;
  const createdAt = now - 3 * HOUR_MS;
  const raw = recordToRfc822(
    {
      kind: 'activity',
      id: randomUUID(),
      threadId,
      actor: 'Anna Kowalska',
      field: 'status',
      from: 'Open',
      to: 'Solved',
      createdAt,
    },
    mailbox.emailAddress,
    new Date(createdAt),
  );
  await mailbox.addRawMessage({
    raw: Buffer.from(raw, 'ascii'),
    mode: 'insert',
    labelIds: [records.id],
    internalDateSource: 'dateHeader',
  });
  return threadId;
}

/**
 * The demo's automation settings saved again with "only the Node worker runs automations", for browser tests
 * and benchmarks whose subject is not the automations: their browsers then only sync, and what they count
 * (Gmail calls, notifications) is their own.
 */
export async function leaveDemoAutomationsToTheWorker(mailbox: Mailbox): Promise<void> {
  const label = mailbox.findLabelByName(DEMO_RECORDS_LABEL);
  if (!label) throw new Error('The demo mailbox has no records label');
  const now = new Date(mailbox.clock.now());
  const raw = recordToRfc822(
    {
      kind: 'automation',
      id: randomUUID(),
      author: 'Anna Kowalska',
      settings: { ...DEMO_AUTOMATION, runner: 'worker' },
      createdAt: now.getTime(),
    },
    mailbox.emailAddress,
    now,
  );
  await mailbox.addRawMessage({ raw: Buffer.from(raw, 'ascii'), mode: 'insert', labelIds: [label.id] });
}

/** The survey Labeldesk sent in the thread, with its reference and token, once there is one. */
export function sentSurvey(
  mailbox: Mailbox,
  threadId: string,
): { reference: string; token: string } | undefined {
  for (const message of mailbox.threadMessages(threadId)) {
    const auto = autoHeader(message);
    if (!auto?.startsWith('survey')) continue;
    const params = new Map(
      auto
        .split(';')
        .slice(1)
        .map((part) => part.trim().split('=') as [string, string]),
    );
    const reference = params.get('ref');
    const token = params.get('token');
    if (reference && token) return { reference, token };
  }
  return undefined;
}

function autoHeader(message: StoredMessage): string | undefined {
  if (!message.raw) return undefined;
  const head = message.raw.toString('latin1').split(/\r?\n\r?\n/, 1)[0] ?? '';
  const unfolded = head.replace(/\r?\n[ \t]+/g, ' ');
  return /^X-Labeldesk-Auto:\s*(.+)$/im.exec(unfolded)?.[1]?.trim();
}

/** Step 3: the customer's answer to the survey, as a mail client writes the "good" link's mailto. */
export function demoAnswerRaw(
  mailbox: Mailbox,
  threadId: string,
  survey: { reference: string; token: string },
  now: Date,
): Buffer {
  const customer: Address = mailbox
    .threadMessages(threadId)
    .find((m) => m.fromAddress.email.toLowerCase() !== mailbox.emailAddress.toLowerCase())?.fromAddress ?? {
    email: 'customer@example.com',
  };
  return customerMail({
    fromName: customer.name ?? customer.email,
    from: customer.email,
    to: mailbox.emailAddress,
    subject: surveyAnswerSubject(survey.reference, 'good', survey.token),
    date: now,
    body: 'Fast and friendly, thank you!\n\n> Anything to add? Write it above this line.',
  });
}

/** Runs steps 1-3 against the stand-in's mailbox (read through `mailbox()`: a reset replaces it). */
export async function playDemoCustomers(
  mailbox: () => Mailbox,
  note: (message: string) => void,
  options: { arrivalDelayMs?: number; pollMs?: number; giveUpMs?: number } = {},
): Promise<{ stop(): void }> {
  const timers: NodeJS.Timeout[] = [];
  const solvedThread = await markNewestSolved(mailbox(), mailbox().clock.now());
  const arrival = setTimeout(() => {
    const box = mailbox();
    box
      .addRawMessage({
        raw: demoArrivalRaw(new Date(box.clock.now()), box.emailAddress),
        mode: 'insert',
        labelIds: ['INBOX', 'UNREAD'],
      })
      .then(() =>
        note(`A customer wrote "${DEMO_ARRIVAL_SUBJECT}"; Labeldesk acknowledges it at its next pass.`),
      )
      .catch((error: unknown) => note(`The demo's new email could not be delivered: ${String(error)}`));
  }, options.arrivalDelayMs ?? DEMO_ARRIVAL_DELAY_MS);
  timers.push(arrival);
  if (solvedThread) {
    const started = Date.now();
    const watch = setInterval(() => {
      const box = mailbox();
      let survey: ReturnType<typeof sentSurvey>;
      try {
        survey = sentSurvey(box, solvedThread);
      } catch {
        survey = undefined; // the thread is gone (a reset): nothing to answer
      }
      if (!survey && Date.now() - started < (options.giveUpMs ?? 15 * 60_000)) return;
      clearInterval(watch);
      if (!survey) return;
      box
        .addRawMessage({
          raw: demoAnswerRaw(box, solvedThread, survey, new Date(box.clock.now())),
          mode: 'insert',
          labelIds: ['INBOX', 'UNREAD'],
        })
        .then(() => note(`The customer of ${survey.reference} answered its CSAT survey: good.`))
        .catch((error: unknown) => note(`The demo's survey answer could not be delivered: ${String(error)}`));
    }, options.pollMs ?? 2_000);
    timers.push(watch);
  }
  for (const timer of timers) timer.unref();
  return {
    stop: () => {
      for (const timer of timers) clearTimeout(timer);
    },
  };
}
