/**
 * The starter reply library (issue 5, PRODUCT.md "Replies"): six replies every support team writes daily,
 * each in English, Russian, Polish and Japanese. They are starting points the agent personalises before
 * sending (S001 L350-351), written as a native agent would: formal Вы in Russian, the Pani/Panie form of
 * address in Polish (the body keeps to "proszę" and impersonal forms, which need no gender), keigo in
 * Japanese with the family name and 様. Polish and Russian sentences avoid the agent's gender too
 * ("sprawdziliśmy", "мы уже передали"), so any agent can send them unchanged.
 *
 * Dates are inserted after a colon or a dash in Russian and Polish: a weekday in the middle of a sentence
 * would need a case ending the date formatter cannot give.
 */
import { STARTER_TAGS } from './starter-tags';
import type { Template, TemplateLanguage, TemplateVariant } from './templates';

export type StarterTemplateKey =
  | 'acknowledgement'
  | 'need-more-information'
  | 'solved'
  | 'delay'
  | 'complaint-apology'
  | 'order-not-received';

interface StarterTemplate {
  key: StarterTemplateKey;
  /** Stable, so adding the starters twice replaces rather than duplicates them. */
  id: string;
  name: Record<TemplateLanguage, string>;
  /** English tag paths of the starter taxonomy; written in the team's language when added. */
  tags: readonly string[];
  variants: Record<TemplateLanguage, Omit<TemplateVariant, 'language'>>;
}

const FOLDER: Record<TemplateLanguage, string> = {
  en: 'Starter replies',
  ru: 'Базовые ответы',
  pl: 'Odpowiedzi podstawowe',
  ja: '基本の返信',
};

const HELLO = {
  en: 'Hi {{customer.firstName | there}},',
  ru: 'Здравствуйте, {{customer.vocative}}!',
  pl: 'Dzień dobry {{customer.vocative | Państwu}},',
  ja: '{{customer.familyName | お客}}様',
} as const;

const lines = (...parts: string[]) => parts.join('\n');

export const STARTER_TEMPLATES: readonly StarterTemplate[] = [
  {
    key: 'acknowledgement',
    id: '5a7e0000-0000-4000-8000-000000000001',
    name: {
      en: 'Acknowledgement',
      ru: 'Подтверждение получения',
      pl: 'Potwierdzenie otrzymania',
      ja: '受付のご連絡',
    },
    tags: [],
    variants: {
      en: {
        subject: "We've got your message ({{ticket.reference}})",
        body: lines(
          HELLO.en,
          '',
          "Thank you for writing to us. I'm {{agent.firstName}}, and I wanted to let you know straight away that your message has reached a real person. It's in our queue under the reference {{ticket.reference}}.",
          '',
          "We'll get back to you by {{reply.expectedBy}} at the latest, and sooner if we can. If anything else comes to mind in the meantime, just reply to this email so it all stays in one place.",
          '',
          'Best wishes,',
        ),
      },
      ru: {
        subject: 'Мы получили Ваше обращение ({{ticket.reference}})',
        body: lines(
          HELLO.ru,
          '',
          'Спасибо, что написали нам. Меня зовут {{agent.firstName}}, я из службы поддержки. Ваше письмо уже у нас, обращению присвоен номер {{ticket.reference}}.',
          '',
          'Мы постараемся ответить как можно скорее, крайний срок — {{reply.expectedBy}}. Если захотите что-то добавить, просто ответьте на это письмо: так вся переписка останется в одном месте.',
          '',
          'С уважением,',
        ),
      },
      pl: {
        subject: 'Otrzymaliśmy wiadomość ({{ticket.reference}})',
        body: lines(
          HELLO.pl,
          '',
          'dziękuję za wiadomość. Nazywam się {{agent.firstName}} i zajmę się tą sprawą. Zgłoszenie zostało zarejestrowane pod numerem {{ticket.reference}}.',
          '',
          'Odpowiemy najszybciej, jak to możliwe. Przewidywany termin odpowiedzi: {{reply.expectedBy}}. Gdyby pojawiły się dodatkowe informacje, wystarczy odpowiedzieć na tę wiadomość – cała korespondencja zostanie w jednym miejscu.',
          '',
          'Pozdrawiam serdecznie',
        ),
      },
      ja: {
        subject: 'お問い合わせを承りました（{{ticket.reference}}）',
        body: lines(
          HELLO.ja,
          '',
          'このたびはお問い合わせいただき、誠にありがとうございます。',
          'カスタマーサポートの{{agent.name}}と申します。',
          '',
          'お問い合わせは受付番号{{ticket.reference}}にて承りました。',
          '内容を確認のうえ、{{reply.expectedBy}}までに改めてご連絡いたします。できる限り早くご回答できるよう努めてまいります。',
          '',
          '追加でお伝えいただきたいことがございましたら、本メールにそのままご返信ください。',
          '',
          '今しばらくお待ちくださいますよう、よろしくお願い申し上げます。',
        ),
      },
    },
  },
  {
    key: 'need-more-information',
    id: '5a7e0000-0000-4000-8000-000000000002',
    name: {
      en: 'Need more information',
      ru: 'Нужны подробности',
      pl: 'Prośba o dodatkowe informacje',
      ja: '追加情報のお願い',
    },
    tags: [],
    variants: {
      en: {
        subject: 'A few details so we can help ({{ticket.reference}})',
        body: lines(
          HELLO.en,
          '',
          "Thank you for getting in touch. I've started looking into this, and to get it right the first time I need a little more from you:",
          '',
          '- your order number (you will find it in the order confirmation email)',
          '- a photo or screenshot of the problem, if you have one',
          '- the best address or phone number to reach you, if it has changed',
          '',
          "As soon as I have these, I'll pick it up again. Just reply to this email; your reference {{ticket.reference}} is already in the subject.",
          '',
          'Thanks,',
        ),
      },
      ru: {
        subject: 'Уточните, пожалуйста, несколько деталей ({{ticket.reference}})',
        body: lines(
          HELLO.ru,
          '',
          'Спасибо за обращение. Я уже занимаюсь Вашим вопросом, и чтобы решить его с первого раза, мне нужно кое-что уточнить:',
          '',
          '— номер заказа (он есть в письме с подтверждением заказа);',
          '— фото или скриншот проблемы, если есть такая возможность;',
          '— актуальный адрес или телефон, если они изменились.',
          '',
          'Достаточно просто ответить на это письмо, номер обращения {{ticket.reference}} уже указан в теме. Как только получу ответ, сразу вернусь к Вашему вопросу.',
          '',
          'С уважением,',
        ),
      },
      pl: {
        subject: 'Prosimy o kilka informacji ({{ticket.reference}})',
        body: lines(
          HELLO.pl,
          '',
          'dziękuję za wiadomość. Już sprawdzam tę sprawę, a żeby rozwiązać ją za pierwszym razem, potrzebuję jeszcze kilku informacji:',
          '',
          '– numeru zamówienia (znajduje się w e-mailu z potwierdzeniem zamówienia),',
          '– zdjęcia lub zrzutu ekranu, jeśli to możliwe,',
          '– aktualnego adresu lub numeru telefonu, jeśli się zmieniły.',
          '',
          'Wystarczy odpowiedzieć na tę wiadomość – numer zgłoszenia {{ticket.reference}} jest już w temacie. Gdy tylko otrzymam odpowiedź, od razu wrócę do sprawy.',
          '',
          'Pozdrawiam serdecznie',
        ),
      },
      ja: {
        subject: '詳細をお知らせいただけますでしょうか（{{ticket.reference}}）',
        body: lines(
          HELLO.ja,
          '',
          'お問い合わせいただき、誠にありがとうございます。',
          'カスタマーサポートの{{agent.name}}でございます。',
          '',
          '確実にご対応させていただくため、恐れ入りますが、以下の点をお知らせいただけますでしょうか。',
          '',
          '・ご注文番号（ご注文確認メールに記載されております）',
          '・状況がわかるお写真またはスクリーンショット（可能でしたら）',
          '・ご住所やお電話番号に変更がございましたら、新しいご連絡先',
          '',
          '本メールにそのままご返信いただければ、受付番号{{ticket.reference}}にて引き続き対応いたします。',
          '',
          'お手数をおかけいたしますが、どうぞよろしくお願いいたします。',
        ),
      },
    },
  },
  {
    key: 'solved',
    id: '5a7e0000-0000-4000-8000-000000000003',
    name: {
      en: 'Solved and closing',
      ru: 'Вопрос решён',
      pl: 'Sprawa rozwiązana',
      ja: '解決のご報告',
    },
    tags: [],
    variants: {
      en: {
        subject: 'Your request {{ticket.reference}} is resolved',
        body: lines(
          HELLO.en,
          '',
          'Good news: this is now sorted, and everything should work as it should. Thank you for your patience while we looked into it, and for telling us in the first place. It helps us get better.',
          '',
          "I'll mark your request {{ticket.reference}} as solved. If anything still isn't right, just reply to this email and it will come straight back to us.",
          '',
          'All the best,',
        ),
      },
      ru: {
        subject: 'Ваше обращение {{ticket.reference}} решено',
        body: lines(
          HELLO.ru,
          '',
          'Хорошие новости: вопрос решён, и всё должно работать как положено. Спасибо за терпение, пока мы разбирались, и за то, что сообщили нам о проблеме, — это помогает нам становиться лучше.',
          '',
          'Обращение {{ticket.reference}} я закрываю. Если что-то всё же не так, просто ответьте на это письмо, и мы сразу к нему вернёмся.',
          '',
          'Всего доброго,',
        ),
      },
      pl: {
        subject: 'Zgłoszenie {{ticket.reference}} zostało rozwiązane',
        body: lines(
          HELLO.pl,
          '',
          'mam dobrą wiadomość: sprawa jest już rozwiązana i wszystko powinno działać tak, jak należy. Dziękuję za cierpliwość i za zgłoszenie problemu – dzięki takim sygnałom możemy działać lepiej.',
          '',
          'Zamykam zgłoszenie {{ticket.reference}}. Jeśli jednak coś nadal nie będzie w porządku, wystarczy odpowiedzieć na tę wiadomość, a od razu wrócimy do sprawy.',
          '',
          'Pozdrawiam serdecznie',
        ),
      },
      ja: {
        subject: 'お問い合わせの件について（{{ticket.reference}}）解決のご報告',
        body: lines(
          HELLO.ja,
          '',
          'いつもご利用いただき、誠にありがとうございます。',
          'カスタマーサポートの{{agent.name}}でございます。',
          '',
          'お問い合わせいただいておりました件につきまして、対応が完了いたしましたのでご報告申し上げます。',
          '解決までお時間をいただきましたこと、またご丁寧にお知らせくださいましたことに、心より御礼申し上げます。',
          '',
          '本件（受付番号{{ticket.reference}}）は、これにて完了とさせていただきます。',
          '万が一、まだ解消されていない点がございましたら、本メールにご返信ください。すぐに確認いたします。',
          '',
          '今後ともどうぞよろしくお願いいたします。',
        ),
      },
    },
  },
  {
    key: 'delay',
    id: '5a7e0000-0000-4000-8000-000000000004',
    name: {
      en: 'Delay with a promised date',
      ru: 'Задержка с новым сроком',
      pl: 'Opóźnienie z nowym terminem',
      ja: '対応遅延のお知らせ',
    },
    tags: [],
    variants: {
      en: {
        subject: 'An update on your request {{ticket.reference}}',
        body: lines(
          HELLO.en,
          '',
          "I wanted to give you an honest update: this is taking longer than we expected, and I'm sorry for the wait.",
          '',
          "We're still on it, and you can count on an answer from us by {{ticket.promisedBy}}. If we get there sooner, you'll hear from us sooner.",
          '',
          'Thank you for bearing with us. If anything has changed on your side in the meantime, just reply to this email.',
          '',
          'Kind regards,',
        ),
      },
      ru: {
        subject: 'Новости по Вашему обращению {{ticket.reference}}',
        body: lines(
          HELLO.ru,
          '',
          'Хочу честно рассказать, как обстоят дела: решение занимает больше времени, чем мы рассчитывали. Простите, пожалуйста, за ожидание.',
          '',
          'Мы продолжаем работать над Вашим вопросом и обязательно вернёмся с ответом, крайний срок — {{ticket.promisedBy}}. Если справимся раньше, сразу напишем.',
          '',
          'Спасибо за терпение. Если за это время у Вас что-то изменилось, просто ответьте на это письмо.',
          '',
          'С уважением,',
        ),
      },
      pl: {
        subject: 'Informacja o zgłoszeniu {{ticket.reference}}',
        body: lines(
          HELLO.pl,
          '',
          'chcę uczciwie poinformować, że sprawa zajmuje więcej czasu, niż zakładaliśmy. Przepraszam za to oczekiwanie.',
          '',
          'Nadal nad nią pracujemy i odpowiedź prześlemy najpóźniej w terminie: {{ticket.promisedBy}}. Jeśli uda się wcześniej, od razu się odezwiemy.',
          '',
          'Dziękuję za cierpliwość. Gdyby w międzyczasie coś się zmieniło, wystarczy odpowiedzieć na tę wiadomość.',
          '',
          'Pozdrawiam serdecznie',
        ),
      },
      ja: {
        subject: 'ご対応状況のご連絡（{{ticket.reference}}）',
        body: lines(
          HELLO.ja,
          '',
          'いつもご利用いただき、誠にありがとうございます。',
          'カスタマーサポートの{{agent.name}}でございます。',
          '',
          'お問い合わせの件につきまして、想定以上にお時間をいただいており、大変申し訳ございません。',
          '現在も引き続き対応を進めており、{{ticket.promisedBy}}までには必ずご連絡いたします。それより早く目処が立ちましたら、すぐにお知らせいたします。',
          '',
          'その間に状況が変わりましたら、本メールにご返信ください。',
          '',
          'お待たせしてしまい恐縮ですが、今しばらくお待ちいただけますと幸いです。',
        ),
      },
    },
  },
  {
    key: 'complaint-apology',
    id: '5a7e0000-0000-4000-8000-000000000005',
    name: {
      en: 'Apology for a complaint',
      ru: 'Извинение за жалобу',
      pl: 'Przeprosiny po skardze',
      ja: 'ご不満へのお詫び',
    },
    tags: ['Complaint'],
    variants: {
      en: {
        subject: "We're sorry, and here is what happens next ({{ticket.reference}})",
        body: lines(
          HELLO.en,
          '',
          "Thank you for telling us about this, and I'm truly sorry. This isn't the experience we want anyone to have, and I understand why you're frustrated.",
          '',
          "Here's what we're doing about it:",
          '',
          '1. We have passed what happened on to the team responsible, so that it does not happen again.',
          "2. I'm looking after your case personally and will do what it takes to put it right.",
          "3. You'll hear from me by {{reply.expectedBy}} at the latest with what we've done.",
          '',
          "If there's anything that would make things easier for you in the meantime, just reply to this email. I'm here to help.",
          '',
          'Kind regards,',
        ),
      },
      ru: {
        subject: 'Приносим извинения. Что мы делаем дальше ({{ticket.reference}})',
        body: lines(
          HELLO.ru,
          '',
          'Спасибо, что рассказали нам об этом, и примите, пожалуйста, наши искренние извинения. Так быть не должно, и я понимаю Ваше разочарование.',
          '',
          'Вот что мы делаем:',
          '',
          '1. Мы уже передали информацию о случившемся ответственной команде, чтобы это не повторилось.',
          '2. Я лично займусь Вашим случаем и сделаю всё, чтобы исправить ситуацию.',
          '3. Я напишу Вам, что именно сделано, крайний срок — {{reply.expectedBy}}.',
          '',
          'Если мы можем чем-то помочь прямо сейчас, просто ответьте на это письмо.',
          '',
          'С уважением,',
        ),
      },
      pl: {
        subject: 'Przepraszamy – oto kolejne kroki ({{ticket.reference}})',
        body: lines(
          HELLO.pl,
          '',
          'dziękuję za zwrócenie nam uwagi na tę sytuację i bardzo przepraszam. Tak nie powinno być, a rozczarowanie jest w pełni zrozumiałe.',
          '',
          'Oto, co robimy:',
          '',
          '1. Przekazaliśmy już opis sytuacji zespołowi, który za nią odpowiada, aby się nie powtórzyła.',
          '2. Osobiście zajmę się tą sprawą i zrobię wszystko, żeby ją naprawić.',
          '3. O tym, co udało się zrobić, poinformuję najpóźniej w terminie: {{reply.expectedBy}}.',
          '',
          'Jeśli cokolwiek możemy zrobić już teraz, wystarczy odpowiedzieć na tę wiadomość.',
          '',
          'Z poważaniem',
        ),
      },
      ja: {
        subject: 'ご迷惑をおかけし申し訳ございません（{{ticket.reference}}）',
        body: lines(
          HELLO.ja,
          '',
          'カスタマーサポートの{{agent.name}}でございます。',
          'このたびはご不快な思いをおかけし、誠に申し訳ございません。率直なご意見をお寄せいただき、心より感謝申し上げます。',
          '',
          '今後の対応について、以下のとおりご案内いたします。',
          '',
          '1. 今回の件はすでに担当部署へ共有し、再発防止に努めてまいります。',
          '2. {{customer.familyName | お客}}様の件は私が責任を持って担当し、解決に向けて対応いたします。',
          '3. 対応の結果につきましては、{{reply.expectedBy}}までにご報告いたします。',
          '',
          'その他お困りのことがございましたら、本メールにご返信ください。',
          '',
          '重ねてお詫び申し上げます。',
        ),
      },
    },
  },
  {
    key: 'order-not-received',
    id: '5a7e0000-0000-4000-8000-000000000006',
    name: {
      en: 'Order not received',
      ru: 'Заказ не получен',
      pl: 'Zamówienie nie dotarło',
      ja: '商品未着のご連絡',
    },
    tags: ['Shipping/Late by shipper'],
    variants: {
      en: {
        subject: "Your order hasn't arrived yet ({{ticket.reference}})",
        body: lines(
          HELLO.en,
          '',
          "I'm sorry your order hasn't reached you yet. I know how frustrating it is to wait for a parcel and not know where it is.",
          '',
          "We've asked the carrier to trace it, and here's what happens next:",
          '',
          "- If they find it, I'll send you the new tracking details straight away.",
          "- If it can't be found, we'll send a replacement free of charge, and you won't need to do anything.",
          '',
          "Either way, I'll be back in touch by {{ticket.promisedBy}}. Thank you for letting us know, and sorry again for the trouble.",
          '',
          'Best wishes,',
        ),
      },
      ru: {
        subject: 'Ваш заказ ещё не доставлен ({{ticket.reference}})',
        body: lines(
          HELLO.ru,
          '',
          'Очень жаль, что заказ до Вас ещё не дошёл. Понимаю, как неприятно ждать посылку и не знать, где она.',
          '',
          'Мы уже попросили службу доставки найти посылку. Дальше возможны два варианта:',
          '',
          '— если посылка найдётся, я сразу пришлю Вам новый трек-номер;',
          '— если найти её не удастся, мы бесплатно отправим заказ повторно, от Вас ничего не потребуется.',
          '',
          'В любом случае я напишу Вам с новостями, крайний срок — {{ticket.promisedBy}}. Спасибо, что сообщили, и ещё раз простите за неудобства.',
          '',
          'С уважением,',
        ),
      },
      pl: {
        subject: 'Zamówienie jeszcze nie dotarło ({{ticket.reference}})',
        body: lines(
          HELLO.pl,
          '',
          'bardzo przepraszam, że zamówienie jeszcze nie dotarło. Rozumiem, jak frustrujące jest czekanie na przesyłkę bez wiadomości, gdzie się znajduje.',
          '',
          'Poprosiliśmy już firmę kurierską o odnalezienie paczki. Dalej są dwie możliwości:',
          '',
          '– jeśli paczka się odnajdzie, od razu prześlę nowy numer do śledzenia,',
          '– jeśli nie uda się jej odnaleźć, bezpłatnie wyślemy zamówienie ponownie i nie trzeba będzie nic robić.',
          '',
          'W każdym razie odezwę się najpóźniej w terminie: {{ticket.promisedBy}}. Dziękuję za zgłoszenie i jeszcze raz przepraszam za kłopot.',
          '',
          'Pozdrawiam serdecznie',
        ),
      },
      ja: {
        subject: 'ご注文商品が届いていない件について（{{ticket.reference}}）',
        body: lines(
          HELLO.ja,
          '',
          'カスタマーサポートの{{agent.name}}でございます。',
          'ご注文の商品がまだお手元に届いていないとのこと、ご心配をおかけしており誠に申し訳ございません。',
          '',
          'ただいま配送業者にお荷物の調査を依頼しております。今後の対応は以下のとおりです。',
          '',
          '・お荷物が見つかりましたら、新しい追跡番号をすぐにお知らせいたします。',
          '・見つからない場合は、代わりの商品を無償で再発送いたします。お客様にお手続きいただく必要はございません。',
          '',
          'いずれの場合も、{{ticket.promisedBy}}までにご連絡いたします。',
          'このたびはご不便をおかけし、大変申し訳ございません。引き続きどうぞよろしくお願いいたします。',
        ),
      },
    },
  },
];

/** A tag path of the starter taxonomy in the team's language (entry i is one tag in all four). */
function starterTagIn(language: TemplateLanguage, englishPath: string): string | undefined {
  const index = STARTER_TAGS.en.findIndex((tag) => tag.path === englishPath);
  return index < 0 ? undefined : STARTER_TAGS[language][index]?.path;
}

/**
 * The starter library as templates, named and foldered in the team's language (like the starter tags,
 * chosen once and shared), each with all four variants.
 */
export function starterTemplates(teamLanguage: TemplateLanguage, now: number, author: string): Template[] {
  return STARTER_TEMPLATES.map((starter) => ({
    id: starter.id,
    name: starter.name[teamLanguage],
    folder: FOLDER[teamLanguage],
    tags: starter.tags.flatMap((path) => starterTagIn(teamLanguage, path) ?? []),
    variants: (['en', 'ru', 'pl', 'ja'] as const).map((language) => ({
      language,
      ...starter.variants[language],
    })),
    updatedAt: now,
    author,
  }));
}
