/**
 * What the automatic mails say (issue 6), in the four languages Labeldesk writes in: the acknowledgement
 * ("we got it, your reference, a person answers by …", S004 L31-35), the CSAT survey (rates support, not the
 * product; quotes the conversation; one-click answers, S003 L49-63) and the Pending reminder. Formal address
 * where the language expects it (Pan/Pani or Państwo, вы, 様). The subject is the ticket's own: the mail
 * goes in the ticket's thread, and Gmail keeps a thread together only while the subject matches.
 */
import {
  formalAddress,
  formatTemplateDate,
  parsePersonName,
  renderTemplate,
  segmentsToText,
} from '../template-render';
import { pickVariant, type Template, type TemplateLanguage } from '../templates';
import { stripControls } from './compose';

export type AutoMailLanguage = TemplateLanguage;
export type SurveyRating = 'good' | 'okay' | 'bad';

const DAY_MS = 24 * 60 * 60 * 1000;
const LOCALE: Record<AutoMailLanguage, string> = { en: 'en-GB', ru: 'ru-RU', pl: 'pl-PL', ja: 'ja-JP' };
/** A time zone every reader of the language assumes: its name is left out (a Warsaw shop writing Polish). */
const HOME_ZONE: Record<AutoMailLanguage, readonly string[]> = {
  en: [],
  ru: ['Europe/Moscow'],
  pl: ['Europe/Warsaw'],
  ja: ['Asia/Tokyo'],
};
const DEFAULT_TEAM: Record<AutoMailLanguage, string> = {
  en: 'Customer Support',
  ru: 'Служба поддержки',
  pl: 'Dział Obsługi Klienta',
  ja: 'カスタマーサポート',
};

/** One line of customer text fit to quote in a sentence: no line breaks, at most `max` characters. */
function inline(value: string, max = 120): string {
  const clean = stripControls(value).replace(/\s+/g, ' ').trim();
  const chars = [...clean];
  return chars.length <= max ? clean : `${chars.slice(0, max - 1).join('')}…`;
}

function greeting(language: AutoMailLanguage, customerName: string | undefined): string {
  const name = customerName ? parsePersonName(inline(customerName, 100)) : undefined;
  const address = name ? formalAddress(name, language) : undefined;
  switch (language) {
    case 'ru':
      return address ? `Здравствуйте, ${address}!` : 'Здравствуйте!';
    case 'pl':
      return address ? `Dzień dobry ${address},` : 'Dzień dobry,';
    case 'ja':
      return address ?? 'お客様';
    default:
      return address ? `Hello ${address},` : 'Hello,';
  }
}

function signOff(language: AutoMailLanguage, teamName: string | undefined): string {
  const team = teamName ? inline(teamName, 100) : DEFAULT_TEAM[language];
  switch (language) {
    case 'ru':
      return `С уважением,\n${team}`;
    case 'pl':
      return `Z poważaniem\n${team}`;
    case 'ja':
      return team;
    default:
      return `Kind regards,\n${team}`;
  }
}

/**
 * When the customer can expect the answer: weekday and time ("Monday 10:00"), with the date once it is not
 * within the next six days, and the zone's short name unless the language's readers all live in it.
 */
export function formatExpectedBy(
  expectedBy: number,
  language: AutoMailLanguage,
  timeZone: string,
  now: number,
): string {
  const locale = LOCALE[language];
  const near = expectedBy >= now && expectedBy - now < 6 * DAY_MS;
  const format = (options: Intl.DateTimeFormatOptions) =>
    new Intl.DateTimeFormat(locale, { timeZone, ...options }).format(expectedBy);
  const time = format({ hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  let when: string;
  if (language === 'ja') {
    when = near
      ? `${format({ weekday: 'long' })} ${time}`
      : `${format({ month: 'long', day: 'numeric' })}(${format({ weekday: 'short' })}) ${time}`;
  } else if (near) {
    when = `${format({ weekday: 'long' })}${language === 'en' ? '' : ','} ${time}`;
  } else {
    when = format({
      weekday: 'long',
      day: 'numeric',
      month: 'long',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
  }
  if (HOME_ZONE[language].includes(timeZone)) return when;
  const zone = new Intl.DateTimeFormat(locale, { timeZone, timeZoneName: 'short' })
    .formatToParts(expectedBy)
    .find((p) => p.type === 'timeZoneName')?.value;
  return zone ? `${when} (${zone})` : when;
}

export interface AcknowledgementInput {
  language: AutoMailLanguage;
  customerName?: string;
  reference: string;
  /** When a person will have answered (the SLA's first-response due time). */
  expectedBy: number;
  /** The calendar's time zone. */
  timeZone: string;
  subject: string;
  teamName?: string;
  /** The time of writing; decides whether the date is needed (default: the clock). */
  now?: number;
}

export function acknowledgementText(input: AcknowledgementInput): { subject: string; text: string } {
  const { language, reference } = input;
  const when = formatExpectedBy(input.expectedBy, language, input.timeZone, input.now ?? Date.now());
  const topic = inline(input.subject);
  const hello = greeting(language, input.customerName);
  const bye = signOff(language, input.teamName);
  let body: string[];
  switch (language) {
    case 'ru':
      body = [
        hello,
        '',
        `Спасибо за обращение! Мы получили ваше письмо${topic ? ` «${topic}»` : ''} и зарегистрировали его под номером ${reference}.`,
        '',
        `Вам ответит сотрудник нашей службы поддержки. Ожидаемое время ответа: ${when}.`,
        '',
        'Если вы хотите что-то добавить, просто ответьте на это письмо — ваше сообщение попадёт в то же обращение.',
        '',
        'Это письмо отправлено автоматически, чтобы подтвердить получение вашего обращения.',
        '',
        bye,
      ];
      break;
    case 'pl':
      body = [
        hello,
        '',
        `dziękujemy za wiadomość. Otrzymaliśmy Państwa zgłoszenie${topic ? ` „${topic}”` : ''} i nadaliśmy mu numer ${reference}.`,
        '',
        `Odpowie na nie pracownik naszego działu obsługi klienta. Przewidywany termin odpowiedzi: ${when}.`,
        '',
        'Jeśli chcą Państwo coś dodać, wystarczy odpowiedzieć na tę wiadomość — trafi ona do tego samego zgłoszenia.',
        '',
        'Ta wiadomość została wysłana automatycznie jako potwierdzenie otrzymania zgłoszenia.',
        '',
        bye,
      ];
      break;
    case 'ja':
      body = [
        hello,
        '',
        'この度はお問い合わせいただき、誠にありがとうございます。',
        `${topic ? `「${topic}」について、` : ''}お問い合わせを受け付けました。受付番号は ${reference} です。`,
        '',
        `内容を確認のうえ、担当者より ${when} までにご返信いたします。`,
        '',
        '追加でお伝えいただきたいことがございましたら、このメールにそのままご返信ください。',
        '',
        '※本メールはお問い合わせの受付確認のため、自動で送信しております。',
        '',
        bye,
      ];
      break;
    default:
      body = [
        hello,
        '',
        `Thank you for contacting us. We have received your message${topic ? ` "${topic}"` : ''} and logged it under the reference ${reference}.`,
        '',
        `A member of our support team will reply by ${when}.`,
        '',
        'If you would like to add anything, simply reply to this email and it will be added to the same request.',
        '',
        'This is an automatic confirmation that your message has reached us.',
        '',
        bye,
      ];
  }
  return { subject: input.subject, text: body.join('\n') };
}

/**
 * The acknowledgement from the team's own library template (settings `acknowledgement.templateId`), in the
 * customer's language when the template has that variant. Null when a variable stays unfilled or unknown: an
 * automatic mail never goes out with `{{customer.firstName}}` in it, so the runner sends the built-in text.
 */
export function acknowledgementFromTemplate(
  template: Pick<Template, 'variants'>,
  input: AcknowledgementInput,
): { subject: string; text: string; language: AutoMailLanguage } | null {
  const variant = pickVariant(template, input.language);
  const rendered = renderTemplate(variant.body, {
    language: variant.language,
    timeZone: input.timeZone,
    now: input.now ?? Date.now(),
    ...(input.customerName ? { customer: { displayName: input.customerName } } : {}),
    ticket: { reference: input.reference },
    reply: { expectedBy: input.expectedBy },
  });
  if (rendered.unfilled.length > 0 || rendered.unknown.length > 0) return null;
  return { subject: input.subject, text: segmentsToText(rendered.segments), language: variant.language };
}

// --- CSAT survey ---------------------------------------------------------------------------------------------

/** The subject of a one-click answer, recognised by `parseSurveyAnswer`: `[#ABC123] Rating: good (ld-7f3a)`. */
export function surveyAnswerSubject(reference: string, rating: SurveyRating, token: string): string {
  return `[${reference}] Rating: ${rating} (${token})`;
}

/** The subject of a Customer Effort answer: `[#ABC123] Effort: 4 (ld-7f3a)`. */
export function surveyEffortSubject(reference: string, effort: 1 | 2 | 3 | 4 | 5, token: string): string {
  return `[${reference}] Effort: ${effort} (${token})`;
}

/** The prompt line in an answer's body; `parseSurveyAnswer` drops it and everything under it. */
export const ANSWER_PROMPT: Record<AutoMailLanguage, string> = {
  en: 'Anything to add? Write it above this line.',
  ru: 'Хотите что-то добавить? Напишите над этой строкой.',
  pl: 'Chcą Państwo coś dodać? Prosimy pisać nad tą linią.',
  ja: 'ご意見があれば、この行より上にご記入ください。',
};

/**
 * A `mailto:` URL (RFC 6068): the address with its local part percent-encoded, subject and body as UTF-8
 * percent-encoded query values, line breaks as %0D%0A.
 */
export function mailtoUrl(address: string, subject: string, body: string): string {
  const at = address.lastIndexOf('@');
  const local = encodeURIComponent(address.slice(0, at));
  const domain = encodeURIComponent(address.slice(at + 1));
  const crlf = (s: string) => s.replace(/\r\n?|\n/g, '\r\n');
  return `mailto:${local}@${domain}?subject=${encodeURIComponent(crlf(subject))}&body=${encodeURIComponent(crlf(body))}`;
}

function answerBody(language: AutoMailLanguage): string {
  return `\n\n\n-- ${ANSWER_PROMPT[language]} --`;
}

const QUOTE_MAX_LINES = 40;
const QUOTE_MAX_CHARS = 3_000;

/** The conversation as it is quoted: at most 40 lines and 3,000 characters, cut at a line, blank runs folded. */
export function quoteLines(quote: string): string[] {
  const lines: string[] = [];
  let chars = 0;
  let cut = false;
  // Work on a bounded slice: a huge quote costs no more than a short one.
  const source = quote
    .slice(0, QUOTE_MAX_CHARS * 2)
    .replace(/\r\n?/g, '\n')
    .split('\n');
  for (const raw of source) {
    const line = inline(raw, 200);
    if (line === '' && (lines.length === 0 || lines[lines.length - 1] === '')) continue;
    if (lines.length >= QUOTE_MAX_LINES || chars + line.length > QUOTE_MAX_CHARS) {
      cut = true;
      break;
    }
    lines.push(line);
    chars += line.length;
  }
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  if (cut || quote.length > QUOTE_MAX_CHARS * 2) lines.push('[…]');
  return lines;
}

/** Text for HTML: every character that means something in markup is escaped. */
export function escapeHtml(value: string): string {
  return value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

interface SurveyWords {
  intro: (reference: string, topic: string) => string;
  question: string;
  ratings: Record<SurveyRating, string>;
  howTo: string;
  effortQuestion: string;
  effortScale: string;
  conversation: string;
}

const SURVEY_WORDS: Record<AutoMailLanguage, SurveyWords> = {
  en: {
    intro: (ref, topic) =>
      `Your request ${ref}${topic ? ` ("${topic}")` : ''} has been solved. We would be grateful if you could tell us how our support team did. We are asking about the help you got from our support staff, not about our products.`,
    question: 'How would you rate our support?',
    ratings: { good: 'Good', okay: 'Okay', bad: 'Bad' },
    howTo: 'Each answer opens a ready email to us; just press Send. You are welcome to add a comment to it.',
    effortQuestion: 'One more question, if you have a moment: how easy was it to get help from us?',
    effortScale: '1 = very difficult, 5 = very easy',
    conversation: 'Our conversation:',
  },
  ru: {
    intro: (ref, topic) =>
      `Ваше обращение ${ref}${topic ? ` («${topic}»)` : ''} решено. Пожалуйста, оцените работу нашей службы поддержки, ответив на один простой вопрос. Мы просим оценить именно поддержку, а не наши товары или компанию в целом.`,
    question: 'Как вы оцениваете работу поддержки?',
    ratings: { good: 'Хорошо', okay: 'Нормально', bad: 'Плохо' },
    howTo:
      'Каждый вариант открывает готовое письмо нам — достаточно нажать «Отправить». При желании добавьте в него комментарий.',
    effortQuestion: 'И ещё один вопрос, если у вас есть минутка: насколько легко было получить у нас помощь?',
    effortScale: '1 — очень сложно, 5 — очень легко',
    conversation: 'Ваша переписка с нами:',
  },
  pl: {
    intro: (ref, topic) =>
      `Państwa zgłoszenie ${ref}${topic ? ` („${topic}”)` : ''} zostało rozwiązane. Będziemy wdzięczni za ocenę pracy naszego działu obsługi klienta. Pytamy o pomoc, którą otrzymali Państwo od naszych konsultantów, a nie o nasze produkty.`,
    question: 'Jak oceniają Państwo naszą obsługę?',
    ratings: { good: 'Dobrze', okay: 'Przeciętnie', bad: 'Źle' },
    howTo:
      'Każda odpowiedź otwiera gotową wiadomość do nas — wystarczy kliknąć „Wyślij”. Można w niej dopisać komentarz.',
    effortQuestion:
      'Jeszcze jedno pytanie, jeśli znajdą Państwo chwilę: jak łatwo było uzyskać od nas pomoc?',
    effortScale: '1 — bardzo trudno, 5 — bardzo łatwo',
    conversation: 'Nasza korespondencja:',
  },
  ja: {
    intro: (ref, topic) =>
      `お問い合わせ（受付番号 ${ref}${topic ? `「${topic}」` : ''}）への対応が完了いたしました。今後のサービス向上のため、サポート担当者の対応についてご評価をお願いいたします。製品ではなく、サポートの対応についてのご評価をお聞かせください。`,
    question: '今回のサポートの対応はいかがでしたか？',
    ratings: { good: '良い', okay: '普通', bad: '悪い' },
    howTo:
      'いずれかを選ぶと、返信用のメールが作成されます。そのまま送信してください。ご意見やご感想もご記入いただけます。',
    effortQuestion: 'もう一つだけ質問させてください。今回、サポートを受けるのはどのくらい簡単でしたか？',
    effortScale: '1 = とても難しい、5 = とても簡単',
    conversation: 'これまでのやり取り：',
  },
};

const RATING_ORDER: readonly SurveyRating[] = ['good', 'okay', 'bad'];
const EFFORT_ORDER = [1, 2, 3, 4, 5] as const;

export interface SurveyInput {
  language: AutoMailLanguage;
  customerName?: string;
  reference: string;
  subject: string;
  /** The shared mailbox the answers go back to. */
  mailbox: string;
  /** The last messages of the conversation, plain text. */
  quote: string;
  effortQuestion: boolean;
  /** The survey's token (`ld-7f3a`), so an answer is matched to the survey that asked. */
  token: string;
  teamName?: string;
}

export function surveyText(input: SurveyInput): { subject: string; text: string; html: string } {
  const { language, reference, token, mailbox } = input;
  const words = SURVEY_WORDS[language];
  const topic = inline(input.subject);
  const hello = greeting(language, input.customerName);
  const bye = signOff(language, input.teamName);
  const body = answerBody(language);
  const ratingLinks = RATING_ORDER.map((rating) => ({
    label: words.ratings[rating],
    url: mailtoUrl(mailbox, surveyAnswerSubject(reference, rating, token), body),
  }));
  const effortLinks = input.effortQuestion
    ? EFFORT_ORDER.map((effort) => ({
        label: String(effort),
        url: mailtoUrl(mailbox, surveyEffortSubject(reference, effort, token), body),
      }))
    : [];
  const quoted = quoteLines(input.quote);

  const text = [
    hello,
    '',
    words.intro(reference, topic),
    '',
    words.question,
    ...ratingLinks.map((l) => `  ${l.label}: <${l.url}>`),
    '',
    words.howTo,
    ...(effortLinks.length > 0
      ? [
          '',
          words.effortQuestion,
          `(${words.effortScale})`,
          ...effortLinks.map((l) => `  ${l.label}: <${l.url}>`),
        ]
      : []),
    '',
    bye,
    ...(quoted.length > 0 ? ['', words.conversation, ...quoted.map((l) => (l === '' ? '>' : `> ${l}`))] : []),
  ].join('\n');

  const link = (l: { label: string; url: string }) =>
    `<a href="${escapeHtml(l.url)}" style="display:inline-block;padding:8px 16px;margin:0 8px 8px 0;border:1px solid #1a73e8;border-radius:4px;color:#1a73e8;text-decoration:none">${escapeHtml(l.label)}</a>`;
  const paragraph = (s: string) => `<p>${escapeHtml(s).replace(/\n/g, '<br>')}</p>`;
  const html = [
    `<!DOCTYPE html><html lang="${language}"><head><meta charset="utf-8"></head><body style="font-family:sans-serif;color:#202124">`,
    paragraph(hello),
    paragraph(words.intro(reference, topic)),
    `<p><strong>${escapeHtml(words.question)}</strong></p>`,
    `<p>${ratingLinks.map(link).join('')}</p>`,
    paragraph(words.howTo),
    ...(effortLinks.length > 0
      ? [
          `<p><strong>${escapeHtml(words.effortQuestion)}</strong><br>${escapeHtml(words.effortScale)}</p>`,
          `<p>${effortLinks.map(link).join('')}</p>`,
        ]
      : []),
    paragraph(bye),
    ...(quoted.length > 0
      ? [
          paragraph(words.conversation),
          `<blockquote style="margin:0 0 0 8px;padding-left:8px;border-left:2px solid #dadce0;color:#5f6368">${quoted.map(escapeHtml).join('<br>')}</blockquote>`,
        ]
      : []),
    '</body></html>',
  ].join('\n');
  return { subject: input.subject, text, html };
}

// --- Pending reminder ----------------------------------------------------------------------------------------

export interface ReminderInput {
  language: AutoMailLanguage;
  customerName?: string;
  reference: string;
  subject: string;
  /** When the ticket closes if the customer does not answer; absent: the team does not auto-close. */
  closesAt?: number;
  timeZone: string;
  teamName?: string;
  now?: number;
}

/** "We are waiting for your answer; the ticket closes on …" for a ticket left Pending. */
export function reminderText(input: ReminderInput): { subject: string; text: string } {
  const { language, reference } = input;
  const now = input.now ?? Date.now();
  const closes =
    input.closesAt === undefined
      ? undefined
      : formatTemplateDate(input.closesAt, language, input.timeZone, false, now);
  const topic = inline(input.subject);
  const hello = greeting(language, input.customerName);
  const bye = signOff(language, input.teamName);
  let body: string[];
  switch (language) {
    case 'ru':
      body = [
        hello,
        '',
        `Напоминаем, что по вашему обращению ${reference}${topic ? ` («${topic}»)` : ''} мы ждём от вас ответа, чтобы продолжить работу.`,
        '',
        closes
          ? `Если ответа не будет, мы закроем обращение ${closes}. Вы всегда сможете написать нам снова — просто ответьте на это письмо.`
          : 'Чтобы продолжить, просто ответьте на это письмо.',
        '',
        bye,
      ];
      break;
    case 'pl':
      body = [
        hello,
        '',
        `uprzejmie przypominamy, że w sprawie zgłoszenia ${reference}${topic ? ` („${topic}”)` : ''} czekamy na Państwa odpowiedź, aby móc kontynuować.`,
        '',
        closes
          ? `Jeśli nie otrzymamy odpowiedzi, zamkniemy zgłoszenie (${closes}). W każdej chwili mogą Państwo do nas napisać — wystarczy odpowiedzieć na tę wiadomość.`
          : 'Aby kontynuować, wystarczy odpowiedzieć na tę wiadomość.',
        '',
        bye,
      ];
      break;
    case 'ja':
      body = [
        hello,
        '',
        `お問い合わせ（受付番号 ${reference}${topic ? `「${topic}」` : ''}）につきまして、お客様からのご返信をお待ちしております。`,
        '',
        closes
          ? `${closes}までにご返信がない場合、本お問い合わせはいったん終了とさせていただきます。その後も、このメールにご返信いただければいつでも対応いたします。`
          : 'このメールにそのままご返信いただければ、引き続き対応いたします。',
        '',
        bye,
      ];
      break;
    default:
      body = [
        hello,
        '',
        `We are still waiting for your reply about your request ${reference}${topic ? ` ("${topic}")` : ''} so that we can continue.`,
        '',
        closes
          ? `If we do not hear from you, we will close the request on ${closes}. You can always write to us again: simply reply to this email.`
          : 'To continue, simply reply to this email.',
        '',
        bye,
      ];
  }
  return { subject: input.subject, text: body.join('\n') };
}
