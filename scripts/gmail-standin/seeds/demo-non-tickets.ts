import type { Address, SeedMessage } from '../contracts';
import type { DemoThread, Language, NonTicketKind } from './demo-types';
import type { Random } from './random';

/**
 * Mail that reaches every support inbox and must never become a ticket: newsletters, notifications,
 * out-of-office replies and bounces. Each carries the headers real senders put on it, which is what
 * Labeldesk's filters look at.
 */

const DAY_MS = 86_400_000;

interface NonTicketMail {
  id: string;
  kind: NonTicketKind;
  language: Language;
  daysAgo: number;
  from: Address;
  subject: string;
  text: string;
  html?: string;
  headers: Record<string, string>;
  labels: string[];
  /** The mailbox's own message that this one answers (a bounce of a reply we sent). */
  inReplyToSent?: { to: Address; subject: string; text: string };
}

function bulkHeaders(listId: string, unsubscribeHost: string): Record<string, string> {
  return {
    'List-Id': listId,
    'List-Unsubscribe': `<https://${unsubscribeHost}/unsubscribe?u=nw-4821>, <mailto:unsubscribe@${unsubscribeHost}?subject=unsubscribe>`,
    'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
    Precedence: 'bulk',
  };
}

const AUTO_REPLY_HEADERS = { 'Auto-Submitted': 'auto-replied', 'X-Autoreply': 'yes' } as const;
const NOTIFICATION_HEADERS = {
  'Auto-Submitted': 'auto-generated',
  'X-Auto-Response-Suppress': 'All',
} as const;

function newsletterHtml(title: string, paragraphs: readonly string[], unsubscribeHost: string): string {
  const body = paragraphs.map((paragraph) => `<p>${paragraph}</p>`).join('');
  return `<html><body style="font-family:Georgia,serif;max-width:600px"><h1>${title}</h1>${body}<p style="font-size:11px;color:#777"><a href="https://${unsubscribeHost}/unsubscribe?u=nw-4821">Unsubscribe</a></p></body></html>`;
}

function newsletter(
  id: string,
  language: Language,
  daysAgo: number,
  from: Address,
  listId: string,
  host: string,
  subject: string,
  paragraphs: readonly string[],
): NonTicketMail {
  return {
    id,
    kind: 'newsletter',
    language,
    daysAgo,
    from,
    subject,
    text: `${subject}\n\n${paragraphs.join('\n\n')}\n\n--\nUnsubscribe: https://${host}/unsubscribe?u=nw-4821`,
    html: newsletterHtml(subject, paragraphs, host),
    headers: bulkHeaders(listId, host),
    labels: ['CATEGORY_PROMOTIONS'],
  };
}

const TEA_TRADE = { name: 'Tea Trade Weekly', email: 'news@teatrade-weekly.example' };
const TEA_TRADE_LIST = 'Tea Trade Weekly <weekly.teatrade-weekly.example>';

function day(date: Date, language: Language): string {
  const locale = { en: 'en-GB', ru: 'ru-RU', pl: 'pl-PL', ja: 'ja-JP' }[language];
  return new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'long', timeZone: 'UTC' }).format(date);
}

function nonTicketMail(now: Date): NonTicketMail[] {
  const until = (daysAgo: number, days: number, language: Language) =>
    day(new Date(now.getTime() - (daysAgo - days) * DAY_MS), language);
  return [
    newsletter(
      'newsletter-tea-trade-1',
      'en',
      52,
      TEA_TRADE,
      TEA_TRADE_LIST,
      'teatrade-weekly.example',
      'This week: first flush prices are in',
      [
        'Darjeeling estates report a short first flush after a dry spring; expect wholesale prices 8-12% above last year.',
        'Also inside: how three small shops cut breakage in transit by half with moulded pulp inserts.',
      ],
    ),
    newsletter(
      'newsletter-tea-trade-2',
      'en',
      38,
      TEA_TRADE,
      TEA_TRADE_LIST,
      'teatrade-weekly.example',
      'Matcha shortages: what retailers need to know',
      [
        'Ceremonial-grade matcha remains on allocation at most Uji suppliers until spring.',
        'We asked five importers how they ration stock between regular and new customers.',
      ],
    ),
    newsletter(
      'newsletter-tea-trade-3',
      'en',
      24,
      TEA_TRADE,
      TEA_TRADE_LIST,
      'teatrade-weekly.example',
      '5 packaging ideas that cut breakage',
      ['Double-walled boxes, paper honeycomb, and why the "shake test" still beats any spreadsheet.'],
    ),
    newsletter(
      'newsletter-tea-trade-4',
      'en',
      10,
      TEA_TRADE,
      TEA_TRADE_LIST,
      'teatrade-weekly.example',
      'Trade fair season: dates and early-bird tickets',
      [
        'Ambiente, HOFEX and World Tea Expo have published their dates. Early-bird exhibitor rates end this month.',
      ],
    ),
    newsletter(
      'newsletter-packright',
      'en',
      5,
      { name: 'PackRight Supplies', email: 'deals@packright.example' },
      'PackRight deals <deals.packright.example>',
      'packright.example',
      'Black Friday: 40% off shipping boxes',
      [
        'Our double-wall mailer boxes are 40% off until Monday, with free next-day delivery on orders over €150.',
      ],
    ),
    newsletter(
      'newsletter-ceramika',
      'pl',
      33,
      { name: 'Ceramika Hurt', email: 'oferta@ceramika-hurt.example' },
      'Ceramika Hurt - oferta <oferta.ceramika-hurt.example>',
      'ceramika-hurt.example',
      'Jesienna wyprzedaż: do -30% na porcelanę',
      [
        'Tylko do końca miesiąca: kubki, czarki i dzbanki z kolekcji jesiennej taniej nawet o 30%.',
        'Zamówienia hurtowe powyżej 2000 zł wysyłamy gratis.',
      ],
    ),
    newsletter(
      'newsletter-ceramika-2',
      'pl',
      12,
      { name: 'Ceramika Hurt', email: 'oferta@ceramika-hurt.example' },
      'Ceramika Hurt - oferta <oferta.ceramika-hurt.example>',
      'ceramika-hurt.example',
      'Nowości w katalogu: seria Bałtyk',
      ['Przedstawiamy serię Bałtyk: ręcznie szkliwione czarki w kolorach morza. Próbki dostępne od ręki.'],
    ),
    newsletter(
      'newsletter-chai-birzha',
      'ru',
      20,
      { name: 'Чайная биржа', email: 'news@chai-birzha.example' },
      'Чайная биржа <news.chai-birzha.example>',
      'chai-birzha.example',
      'Новый урожай улунов уже на складе',
      [
        'Осенние тайваньские улуны приехали: Али Шань, Дун Дин и Габа. Оптовые цены действуют до конца месяца.',
        'Для постоянных партнёров бесплатные образцы по запросу.',
      ],
    ),
    newsletter(
      'newsletter-chaba',
      'ja',
      27,
      { name: '茶葉通信', email: 'info@chaba-tsushin.example' },
      '茶葉通信 <info.chaba-tsushin.example>',
      'chaba-tsushin.example',
      '【茶葉通信】秋の新入荷のお知らせ',
      [
        '今月は静岡・川根の秋番茶と、鹿児島の和紅茶が入荷しました。',
        '卸価格表はマイページからダウンロードいただけます。',
      ],
    ),
    {
      id: 'notification-parcel-exception',
      kind: 'notification',
      language: 'en',
      daysAgo: 18,
      from: { name: 'ParcelTrack', email: 'notifications@parceltrack.example' },
      subject: 'Delivery exception: RR482915734PL',
      text: 'Shipment RR482915734PL could not be delivered: the address label is damaged.\nThe parcel will be returned to the sender.\n\nView shipment: https://parceltrack.example/s/RR482915734PL',
      headers: { ...NOTIFICATION_HEADERS, 'List-Id': 'ParcelTrack alerts <alerts.parceltrack.example>' },
      labels: ['CATEGORY_UPDATES'],
    },
    {
      id: 'notification-parcel-exception-2',
      kind: 'notification',
      language: 'en',
      daysAgo: 3,
      from: { name: 'ParcelTrack', email: 'notifications@parceltrack.example' },
      subject: 'Delivery exception: CP190377458PL',
      text: 'Shipment CP190377458PL is delayed: held at customs for inspection.\n\nView shipment: https://parceltrack.example/s/CP190377458PL',
      headers: { ...NOTIFICATION_HEADERS, 'List-Id': 'ParcelTrack alerts <alerts.parceltrack.example>' },
      labels: ['CATEGORY_UPDATES'],
    },
    {
      id: 'notification-payout-1',
      kind: 'notification',
      language: 'en',
      daysAgo: 44,
      from: { name: 'PayFlow', email: 'no-reply@payflow.example' },
      subject: 'Your payout of €3,184.50 is on its way',
      text: 'Hi Northwind Shop,\n\nA payout of €3,184.50 has been sent to your bank account ending in 4471. It should arrive within 2 business days.\n\nPayFlow',
      headers: { ...NOTIFICATION_HEADERS },
      labels: ['CATEGORY_UPDATES'],
    },
    {
      id: 'notification-payout-2',
      kind: 'notification',
      language: 'en',
      daysAgo: 14,
      from: { name: 'PayFlow', email: 'no-reply@payflow.example' },
      subject: 'Your payout of €2,760.20 is on its way',
      text: 'Hi Northwind Shop,\n\nA payout of €2,760.20 has been sent to your bank account ending in 4471. It should arrive within 2 business days.\n\nPayFlow',
      headers: { ...NOTIFICATION_HEADERS },
      labels: ['CATEGORY_UPDATES'],
    },
    {
      id: 'notification-shop-low-stock',
      kind: 'notification',
      language: 'en',
      daysAgo: 8,
      from: { name: 'Northwind Shop (store admin)', email: 'store-admin@northwind-shop.example' },
      subject: 'Low stock: Glass teapot with infuser (4 left)',
      text: 'The following products are running low:\n\n- Glass teapot with infuser: 4 left\n- Set of six celadon tea cups: 2 left\n\nManage inventory: https://admin.northwind-shop.example/inventory',
      headers: { ...NOTIFICATION_HEADERS, Precedence: 'bulk' },
      labels: ['CATEGORY_UPDATES'],
    },
    {
      id: 'notification-shop-review',
      kind: 'notification',
      language: 'en',
      daysAgo: 31,
      from: { name: 'Northwind Shop (store admin)', email: 'store-admin@northwind-shop.example' },
      subject: 'New 5-star review: Cast iron teapot (0.8 l, black)',
      text: '"Heavy, beautiful and keeps the tea hot for ages." - Sophie G.\n\nReply to the review: https://admin.northwind-shop.example/reviews/3381',
      headers: { ...NOTIFICATION_HEADERS },
      labels: ['CATEGORY_UPDATES'],
    },
    {
      id: 'notification-paczka',
      kind: 'notification',
      language: 'pl',
      daysAgo: 26,
      from: { name: 'PaczkoPunkt', email: 'powiadomienia@paczkopunkt.example' },
      subject: 'Twoja przesyłka zwrotna została nadana',
      text: 'Dzień dobry,\n\nprzesyłka zwrotna LX305128846PL została nadana i jest w drodze do nadawcy.\n\nŚledź przesyłkę: https://paczkopunkt.example/sledzenie/LX305128846PL\n\nTa wiadomość została wygenerowana automatycznie, prosimy na nią nie odpowiadać.',
      headers: { ...NOTIFICATION_HEADERS, Precedence: 'bulk' },
      labels: ['CATEGORY_UPDATES'],
    },
    {
      id: 'notification-sakura-express',
      kind: 'notification',
      language: 'ja',
      daysAgo: 6,
      from: { name: 'さくらエクスプレス', email: 'noreply@sakura-express.example' },
      subject: '【さくらエクスプレス】お荷物のお届け完了のお知らせ',
      text: 'いつもご利用いただきありがとうございます。\nお問い合わせ番号 RR774019325PL のお荷物は、本日お届けが完了いたしました。\n\n※本メールは送信専用アドレスから配信しております。',
      headers: { ...NOTIFICATION_HEADERS },
      labels: ['CATEGORY_UPDATES'],
    },
    {
      id: 'auto-reply-en-ooo',
      kind: 'auto-reply',
      language: 'en',
      daysAgo: 9,
      from: { name: 'Olivia Hart', email: 'olivia.hart@mailbox.example' },
      subject: 'Automatic reply: Your Northwind order has shipped',
      text: `Thank you for your email. I am out of the office until ${until(9, 7, 'en')} with no access to email.\n\nOlivia Hart`,
      headers: { ...AUTO_REPLY_HEADERS, 'Content-Language': 'en-GB' },
      labels: [],
    },
    {
      id: 'auto-reply-en-company',
      kind: 'auto-reply',
      language: 'en',
      daysAgo: 35,
      from: { name: 'Brightleaf Café Accounts', email: 'accounts@brightleaf-cafe.example' },
      subject: 'Re: Invoice for your order [Ticket received]',
      text: 'Thank you for contacting Brightleaf Café accounts. This is an automatic confirmation that we have received your message; we reply to invoices within 5 working days.\n\nPlease do not reply to this message.',
      headers: { ...AUTO_REPLY_HEADERS, Precedence: 'auto_reply' },
      labels: [],
    },
    {
      id: 'auto-reply-ru-vacation',
      kind: 'auto-reply',
      language: 'ru',
      daysAgo: 16,
      from: { name: 'Алексей Иванов', email: 'a.ivanov@mail.example' },
      subject: 'Автоответ: Ваш заказ отправлен',
      text: `Здравствуйте!\n\nЯ в отпуске до ${until(16, 10, 'ru')} и читаю почту нерегулярно. Отвечу, как только вернусь.\n\nАлексей Иванов`,
      headers: { ...AUTO_REPLY_HEADERS, 'Content-Language': 'ru' },
      labels: [],
    },
    {
      id: 'auto-reply-ru-received',
      kind: 'auto-reply',
      language: 'ru',
      daysAgo: 47,
      from: { name: 'ООО «Самовар и Ко»', email: 'info@samovar-co.example' },
      subject: 'Re: Оптовый прайс Northwind Shop',
      text: 'Здравствуйте!\n\nВаше письмо получено. Менеджер свяжется с вами в течение одного рабочего дня.\n\nЭто автоматическое сообщение, отвечать на него не нужно.',
      headers: { ...AUTO_REPLY_HEADERS, 'Content-Language': 'ru' },
      labels: [],
    },
    {
      id: 'auto-reply-pl-urlop',
      kind: 'auto-reply',
      language: 'pl',
      daysAgo: 22,
      from: { name: 'Michał Kamiński', email: 'michal.kaminski@onet.example' },
      subject: 'Odpowiedź automatyczna: Twoje zamówienie zostało wysłane',
      text: `Dzień dobry,\n\ndziękuję za wiadomość. Jestem na urlopie do ${until(22, 6, 'pl')} i nie mam dostępu do poczty. Odpowiem po powrocie.\n\nPozdrawiam\nMichał Kamiński`,
      headers: { ...AUTO_REPLY_HEADERS, 'Content-Language': 'pl' },
      labels: [],
    },
    {
      id: 'auto-reply-ja-fuzai',
      kind: 'auto-reply',
      language: 'ja',
      daysAgo: 29,
      from: { name: '伊藤 大輔', email: 'daisuke.ito@nifty.example' },
      subject: '自動応答: ご注文の商品を発送いたしました',
      text: `お世話になっております。\n誠に恐れ入りますが、${until(29, 5, 'ja')}まで出張のため不在にしております。\n戻り次第、順次ご返信いたします。\n\n伊藤 大輔`,
      headers: { ...AUTO_REPLY_HEADERS, 'Content-Language': 'ja' },
      labels: [],
    },
    {
      id: 'bounce-address-not-found',
      kind: 'bounce',
      language: 'en',
      daysAgo: 12,
      from: { name: 'Mail Delivery Subsystem', email: 'mailer-daemon@googlemail.com' },
      subject: 'Delivery Status Notification (Failure)',
      text: "** Address not found **\n\nYour message wasn't delivered to emma.colins@mailbox.example because the address couldn't be found, or is unable to receive mail.\n\nThe response from the remote server was:\n550 5.1.1 <emma.colins@mailbox.example>: Recipient address rejected: User unknown in virtual mailbox table",
      headers: { 'Auto-Submitted': 'auto-replied', 'X-Failed-Recipients': 'emma.colins@mailbox.example' },
      labels: [],
      inReplyToSent: {
        to: { name: 'Emma Collins', email: 'emma.colins@mailbox.example' },
        subject: 'Re: Your question about the cast iron teapot',
        text: 'Hi Emma,\n\nFollowing up on your call: yes, the 0.8 l teapot is back in stock.\n\nBest,\nSam\nNorthwind Shop Support',
      },
    },
    {
      id: 'bounce-mailbox-full',
      kind: 'bounce',
      language: 'en',
      daysAgo: 40,
      from: { name: 'Mail Delivery System', email: 'MAILER-DAEMON@mx.poczta.example' },
      subject: 'Undelivered Mail Returned to Sender',
      text: "This is the mail system at host mx.poczta.example.\n\nI'm sorry to have to inform you that your message could not be delivered to one or more recipients.\n\n<k.wisniewska@poczta.example>: host mx.poczta.example said: 552 5.2.2 Mailbox full (in reply to RCPT TO command)",
      headers: { 'Auto-Submitted': 'auto-replied', 'X-Failed-Recipients': 'k.wisniewska@poczta.example' },
      labels: [],
    },
  ];
}

/** The non-ticket threads of the demo, dated back from `now`. */
export function nonTicketThreads(now: Date, random: Random, mailbox: Address): DemoThread[] {
  return nonTicketMail(now).map((mail) => {
    // A few hours of jitter, so mail of the same day is not stamped at the same second.
    const date = new Date(now.getTime() - mail.daysAgo * DAY_MS - random.int(0, 8 * 3600) * 1000);
    const messages: SeedMessage[] = [];
    if (mail.inReplyToSent) {
      messages.push({
        from: mailbox,
        to: [mail.inReplyToSent.to],
        subject: mail.inReplyToSent.subject,
        date: new Date(date.getTime() - random.int(5, 60) * 1000),
        text: mail.inReplyToSent.text,
      });
    }
    messages.push({
      from: mail.from,
      to: [mailbox],
      subject: mail.subject,
      date,
      text: mail.text,
      ...(mail.html ? { html: mail.html } : {}),
      headers: mail.headers,
      unread: mail.kind === 'newsletter' ? random.chance(0.6) : random.chance(0.3),
    });
    return {
      scenarioId: mail.id,
      kind: mail.kind,
      language: mail.language,
      thread: { messages, labels: mail.labels },
    };
  });
}
