/**
 * The starter tag taxonomy (PRODUCT.md "Tagging strategy", S002 L447-457): tags say why, not only what,
 * so each `what` comes with `what/why` tags such as "Shipping/Late by shipper". A tag path becomes a Gmail
 * label every agent sees, so the set is written in each UI language and chosen in the team's language when
 * added; it is data from then on, never translated per agent.
 */
import type { TagDefinition } from './team-config';

export const STARTER_LANGUAGES = ['en', 'ru', 'pl', 'ja'] as const;
export type StarterLanguage = (typeof STARTER_LANGUAGES)[number];

/** The same taxonomy in every language, in the same order: entry i is one tag in all four. */
export const STARTER_TAGS: Readonly<Record<StarterLanguage, readonly TagDefinition[]>> = {
  en: [
    {
      path: 'Invoice data',
      description: 'The customer asks to correct, resend or explain an invoice.',
    },
    {
      path: 'Invoice data/Wrong company details',
      description: 'The invoice shows a wrong company name, address or tax number.',
    },
    {
      path: 'Invoice data/Invoice not received',
      description: 'The customer paid or ordered but has no invoice.',
    },
    {
      path: 'Order processing',
      description: 'Questions about an order before it leaves the warehouse.',
    },
    {
      path: 'Order processing/Change or cancel',
      description: 'The customer wants to change the items or address, or cancel the order.',
    },
    {
      path: 'Order processing/Out of stock',
      description: 'An ordered item turned out to be unavailable.',
    },
    {
      path: 'Shipping',
      description: 'Delivery problems after the order was handed over.',
    },
    {
      path: 'Shipping/Late by shipper',
      description: 'The carrier delivers late or has lost the parcel.',
    },
    {
      path: 'Shipping/Warehouse delays',
      description: 'The order left our warehouse later than promised.',
    },
    {
      path: 'Shipping/Damaged in transit',
      description: 'The parcel arrived damaged.',
    },
    {
      path: 'Returns and exchanges',
      description: 'The customer wants to return or exchange a product.',
    },
    {
      path: 'Returns and exchanges/Wrong size or model',
      description: 'The product is fine but does not fit or is not what the customer wanted.',
    },
    {
      path: 'Returns and exchanges/Defective product',
      description: 'The product is faulty or broke soon after delivery.',
    },
    {
      path: 'Customer accounts',
      description: "Questions about the customer's account with us.",
    },
    {
      path: 'Customer accounts/Cannot sign in',
      description: 'Forgotten password, locked account or no confirmation email.',
    },
    {
      path: 'Customer accounts/Change account details',
      description: 'A new email address, phone number or company details.',
    },
    {
      path: 'Complaint',
      description: 'The customer is unhappy: a repeat means a real problem, so say why.',
    },
    {
      path: 'Complaint/Service quality',
      description: 'About how we answered: slow, unhelpful or impolite.',
    },
    {
      path: 'Complaint/Product quality',
      description: 'About the product itself.',
    },
    {
      path: 'Feature request',
      description: 'An idea or a missing feature the customer asks for.',
    },
    {
      path: 'Pre-sales',
      description: 'Questions before buying: prices, availability, whether the product fits.',
    },
    {
      path: 'Payments',
      description: 'Questions about paying and refunds.',
    },
    {
      path: 'Payments/Payment error',
      description: 'The payment failed, was declined or was charged twice.',
    },
    {
      path: 'Payments/Refund status',
      description: 'The customer asks where their refund is.',
    },
  ],
  ru: [
    {
      path: 'Данные счёта',
      description: 'Клиент просит исправить, повторно прислать или пояснить счёт.',
    },
    {
      path: 'Данные счёта/Неверные реквизиты',
      description: 'В счёте неверные название компании, адрес или ИНН.',
    },
    {
      path: 'Данные счёта/Счёт не получен',
      description: 'Клиент оплатил или оформил заказ, но счёта у него нет.',
    },
    {
      path: 'Обработка заказа',
      description: 'Вопросы о заказе, пока он ещё не покинул склад.',
    },
    {
      path: 'Обработка заказа/Изменение или отмена',
      description: 'Клиент хочет изменить состав или адрес заказа либо отменить его.',
    },
    {
      path: 'Обработка заказа/Нет в наличии',
      description: 'Заказанного товара не оказалось в наличии.',
    },
    {
      path: 'Доставка',
      description: 'Проблемы с доставкой после передачи заказа.',
    },
    {
      path: 'Доставка/Задержка перевозчика',
      description: 'Служба доставки опаздывает или потеряла посылку.',
    },
    {
      path: 'Доставка/Задержка на складе',
      description: 'Заказ ушёл с нашего склада позже обещанного.',
    },
    {
      path: 'Доставка/Повреждено при перевозке',
      description: 'Посылка пришла повреждённой.',
    },
    {
      path: 'Возврат и обмен',
      description: 'Клиент хочет вернуть или обменять товар.',
    },
    {
      path: 'Возврат и обмен/Не тот размер или модель',
      description: 'Товар исправен, но не подошёл или оказался не тем, что хотел клиент.',
    },
    {
      path: 'Возврат и обмен/Брак',
      description: 'Товар неисправен или сломался вскоре после доставки.',
    },
    {
      path: 'Учётная запись',
      description: 'Вопросы об учётной записи клиента у нас.',
    },
    {
      path: 'Учётная запись/Не может войти',
      description: 'Забыт пароль, учётная запись заблокирована или не пришло письмо с подтверждением.',
    },
    {
      path: 'Учётная запись/Изменение данных',
      description: 'Новый адрес почты, телефон или реквизиты компании.',
    },
    {
      path: 'Жалоба',
      description:
        'Клиент недоволен: повторная жалоба — признак настоящей проблемы, поэтому укажите причину.',
    },
    {
      path: 'Жалоба/Качество обслуживания',
      description: 'О том, как мы ответили: долго, бесполезно или невежливо.',
    },
    {
      path: 'Жалоба/Качество товара',
      description: 'О самом товаре.',
    },
    {
      path: 'Пожелание',
      description: 'Идея или недостающая функция, о которой просит клиент.',
    },
    {
      path: 'Вопрос до покупки',
      description: 'Вопросы перед покупкой: цены, наличие, подойдёт ли товар.',
    },
    {
      path: 'Оплата',
      description: 'Вопросы об оплате и возврате денег.',
    },
    {
      path: 'Оплата/Ошибка оплаты',
      description: 'Платёж не прошёл, был отклонён или списан дважды.',
    },
    {
      path: 'Оплата/Статус возврата денег',
      description: 'Клиент спрашивает, где его возврат.',
    },
  ],
  pl: [
    {
      path: 'Dane do faktury',
      description: 'Klient prosi o poprawienie, ponowne wysłanie lub wyjaśnienie faktury.',
    },
    {
      path: 'Dane do faktury/Błędne dane firmy',
      description: 'Na fakturze jest błędna nazwa firmy, adres lub NIP.',
    },
    {
      path: 'Dane do faktury/Brak faktury',
      description: 'Klient zapłacił lub złożył zamówienie, ale nie ma faktury.',
    },
    {
      path: 'Realizacja zamówienia',
      description: 'Pytania o zamówienie, zanim opuści magazyn.',
    },
    {
      path: 'Realizacja zamówienia/Zmiana lub anulowanie',
      description: 'Klient chce zmienić produkty lub adres albo anulować zamówienie.',
    },
    {
      path: 'Realizacja zamówienia/Brak towaru',
      description: 'Zamówiony produkt okazał się niedostępny.',
    },
    {
      path: 'Wysyłka',
      description: 'Problemy z dostawą po przekazaniu zamówienia.',
    },
    {
      path: 'Wysyłka/Opóźnienie przewoźnika',
      description: 'Przewoźnik spóźnia się z dostawą lub zgubił paczkę.',
    },
    {
      path: 'Wysyłka/Opóźnienie w magazynie',
      description: 'Zamówienie wyszło z naszego magazynu później, niż obiecaliśmy.',
    },
    {
      path: 'Wysyłka/Uszkodzenie w transporcie',
      description: 'Paczka dotarła uszkodzona.',
    },
    {
      path: 'Zwroty i wymiany',
      description: 'Klient chce zwrócić lub wymienić produkt.',
    },
    {
      path: 'Zwroty i wymiany/Zły rozmiar lub model',
      description: 'Produkt jest sprawny, ale nie pasuje albo to nie to, czego klient chciał.',
    },
    {
      path: 'Zwroty i wymiany/Wadliwy produkt',
      description: 'Produkt jest wadliwy lub zepsuł się wkrótce po dostawie.',
    },
    {
      path: 'Konto klienta',
      description: 'Pytania o konto klienta w naszym serwisie.',
    },
    {
      path: 'Konto klienta/Nie może się zalogować',
      description: 'Zapomniane hasło, zablokowane konto lub brak e-maila z potwierdzeniem.',
    },
    {
      path: 'Konto klienta/Zmiana danych konta',
      description: 'Nowy adres e-mail, numer telefonu lub dane firmy.',
    },
    {
      path: 'Skarga',
      description:
        'Klient jest niezadowolony: powtórna skarga oznacza prawdziwy problem, więc podaj przyczynę.',
    },
    {
      path: 'Skarga/Jakość obsługi',
      description: 'O tym, jak odpowiedzieliśmy: powoli, nieprzydatnie lub nieuprzejmie.',
    },
    {
      path: 'Skarga/Jakość produktu',
      description: 'O samym produkcie.',
    },
    {
      path: 'Propozycja funkcji',
      description: 'Pomysł lub brakująca funkcja, o którą prosi klient.',
    },
    {
      path: 'Przed zakupem',
      description: 'Pytania przed zakupem: ceny, dostępność, czy produkt się nada.',
    },
    {
      path: 'Płatności',
      description: 'Pytania o płatności i zwroty pieniędzy.',
    },
    {
      path: 'Płatności/Błąd płatności',
      description: 'Płatność nie przeszła, została odrzucona lub pobrana dwa razy.',
    },
    {
      path: 'Płatności/Status zwrotu pieniędzy',
      description: 'Klient pyta, co z jego zwrotem pieniędzy.',
    },
  ],
  ja: [
    {
      path: '請求書情報',
      description: '請求書の訂正・再送・内容の説明を求める問い合わせ。',
    },
    {
      path: '請求書情報/会社情報の誤り',
      description: '請求書の会社名・住所・登録番号が間違っている。',
    },
    {
      path: '請求書情報/請求書未着',
      description: '支払いまたは注文は済んでいるが、請求書が届いていない。',
    },
    {
      path: '注文処理',
      description: '出荷前の注文に関する問い合わせ。',
    },
    {
      path: '注文処理/変更・キャンセル',
      description: '注文内容や届け先の変更、または注文のキャンセル。',
    },
    {
      path: '注文処理/在庫切れ',
      description: '注文された商品の在庫がなかった。',
    },
    {
      path: '配送',
      description: '発送後の配送に関する問題。',
    },
    {
      path: '配送/配送業者による遅延',
      description: '配送業者の遅れ、または荷物の紛失。',
    },
    {
      path: '配送/倉庫での遅延',
      description: '当社倉庫からの出荷が約束より遅れた。',
    },
    {
      path: '配送/輸送中の破損',
      description: '荷物が破損した状態で届いた。',
    },
    {
      path: '返品・交換',
      description: '商品の返品または交換の依頼。',
    },
    {
      path: '返品・交換/サイズ・型番違い',
      description: '商品に問題はないが、合わない、または希望と違った。',
    },
    {
      path: '返品・交換/不良品',
      description: '商品が初期不良、または届いてすぐに故障した。',
    },
    {
      path: '顧客アカウント',
      description: 'お客様のアカウントに関する問い合わせ。',
    },
    {
      path: '顧客アカウント/ログインできない',
      description: 'パスワード忘れ、アカウントのロック、確認メールが届かない。',
    },
    {
      path: '顧客アカウント/登録情報の変更',
      description: 'メールアドレス・電話番号・会社情報の変更。',
    },
    {
      path: '苦情',
      description: 'お客様の不満。繰り返される苦情は本当の問題のサインなので、理由を付けてください。',
    },
    {
      path: '苦情/対応品質',
      description: '当社の対応について：遅い、役に立たない、失礼だった。',
    },
    {
      path: '苦情/製品品質',
      description: '製品そのものについて。',
    },
    {
      path: '機能要望',
      description: 'お客様からのアイデアや、不足している機能の要望。',
    },
    {
      path: '購入前の質問',
      description: '購入前の質問：価格、在庫、製品が用途に合うか。',
    },
    {
      path: '支払い',
      description: '支払いと返金に関する問い合わせ。',
    },
    {
      path: '支払い/決済エラー',
      description: '決済が失敗した、拒否された、または二重に請求された。',
    },
    {
      path: '支払い/返金状況',
      description: '返金がどうなっているかの問い合わせ。',
    },
  ],
};

/** The starter set's language for a UI language such as `pl-PL` or `ja`; English for any other. */
export function starterLanguage(uiLanguage: string): StarterLanguage {
  const base = uiLanguage.toLowerCase().split(/[-_]/)[0] ?? '';
  return (STARTER_LANGUAGES as readonly string[]).includes(base) ? (base as StarterLanguage) : 'en';
}

/** The team's tags plus every starter tag it lacks (paths compared as Gmail compares labels: ignoring case). */
export function withStarterTags(
  tags: readonly TagDefinition[],
  uiLanguage: string,
): { tags: TagDefinition[]; added: number } {
  const have = new Set(tags.map((tag) => tag.path.trim().toLowerCase()));
  const missing = STARTER_TAGS[starterLanguage(uiLanguage)].filter(
    (tag) => !have.has(tag.path.toLowerCase()),
  );
  return { tags: [...tags, ...missing.map((tag) => ({ ...tag }))], added: missing.length };
}
