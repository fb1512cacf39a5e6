/**
 * Very common short words per language, for the shortcut editor's "this abbreviation is a real word"
 * warning (text-shortcuts.ts realWordWarnings). Short on purpose: abbreviations are short, so only words
 * of up to about seven letters that an agent types every day belong here, a few hundred per language.
 * One space-separated string literal per language (no call at load, so a bundle that never warns drops
 * it), split only when the editor asks.
 */
export type CommonWordsLanguage = 'en' | 'ru' | 'pl' | 'ja';

export const COMMON_WORDS: Record<CommonWordsLanguage, string> = {
  en:
    'a about after again all also am an and any are as ask at back be because been before being best ' +
    'but by call can cannot come could day demo did do does done down each email even find first for from ' +
    'get give go good got had has have he help her here hi him his how i if in info into is issue it its ' +
    'just keep know last let like look made make many may me more most much must my need new next no not ' +
    'now of off ok okay on one only or order other our out over own pay people please pls plz re refund ' +
    'reply right said same say see send sent she should since so some soon sorry still such sure take than ' +
    'thank thanks that the their them then there these they thing think this those though thx time to ' +
    'today too try two under up us use very want was way we well were what when where which while who why ' +
    'will with work would yes yet you your asap btw fyi eta tbd lol omg brb np ty yw hello dear regards ' +
    'best cheers kind team item box price cost bill card ship late lost fix bug info form site page link ' +
    'mail help desk case ref note tag week month year hour min sec date name',
  ru:
    'а без более бы был была были было быть в вам вас ваш ваша ваше ваши весь вот все всё всего вы где ' +
    'да даже для до его ее её если есть ещё еще же за здесь и из или им их к как какой когда кто ли либо ' +
    'мне может можно мой мы на над надо нам нас наш не него нет ни но ну о об один он она они оно от очень ' +
    'по под пока после при про раз с со так также там те тем то того тоже только тот ту тут у уже хорошо ' +
    'что чтобы эта эти это этот я демо день дня дней дом доброе добрый до свидания здрасте спс ' +
    'спасибо пожалуйста привет заказ товар оплата счёт счет чек номер код сайт ссылка почта письмо ответ ' +
    'вопрос помощь срок дата время час мин сек неделя месяц год сумма цена доставка возврат адрес тел ' +
    'имя фио инфо ок окей ага угу нету надо можно нужно буду будет было сейчас сегодня завтра вчера ' +
    'потом позже рано ну вот там тут тоже ещё всем всех всё вам вас',
  pl:
    'a aby ale ani bardzo bez bo by być był była było co czy często dla do dobry dobrze dom dzień dziś ' +
    'gdy gdzie go i ich im inny jak jako jego jej jest jeszcze jestem już każdy kiedy kto który która ' +
    'które lub ma mam mamy może można mój na nad nam nas nasz nie nic nich nie niż no o od on ona one oni ' +
    'ono osoba pan pani po pod pół pod przed przez przy raz razem się są sobie tak także tam te tego ' +
    'tej ten też to tu tylko ty u w we więc wszystko z za ze że żeby już jak proszę dziękuję dzięki ' +
    'cześć witam pozdrawiam hej ok okej tak nie zamówienie paczka kurier zwrot faktura cena kod numer link ' +
    'strona mail email adres data czas godz dzień tydzień rok miesiąc demo info sprawa pomoc błąd konto ' +
    'pan pani państwo dzień dobry do zobaczenia zaraz jutro wczoraj dzisiaj teraz potem',
  ja:
    'です ます でした ました ません ない ある いる する した して こと もの ため よう これ それ あれ どれ ' +
    'この その あの どの ここ そこ あそこ どこ わたし 私 あなた 彼 彼女 はい いいえ ありがとう すみません ' +
    'お願い おねがい 宜しく よろしく 今日 明日 昨日 今 時間 日 月 年 円 注文 商品 配送 返品 返金 確認 ' +
    'お客様 様 さん 会社 連絡 メール 電話 住所 名前 番号 リンク デモ 問題 対応 回答 質問 情報 担当 ' +
    'ok はじめまして こんにちは こんばんは おはよう 失礼 了解 承知 少々 また まだ もう すぐ とても ' +
    'が の に を は へ と で や も か な ね よ から まで より',
};
