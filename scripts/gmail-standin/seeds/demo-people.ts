import type { Agent, Customer, Language } from './demo-types';

/** The Northwind Shop support team: four agents sharing support@northwind-shop.example. */
export const AGENTS: readonly Agent[] = [
  {
    name: 'Anna Kowalska',
    gender: 'female',
    signature: { en: 'Anna', ru: 'Анна', pl: 'Anna', ja: 'アンナ' },
    languages: ['en', 'pl', 'ru'],
  },
  {
    name: 'Dmitri Sokolov',
    gender: 'male',
    signature: { en: 'Dmitri', ru: 'Дмитрий', pl: 'Dmitri', ja: 'ドミトリー' },
    languages: ['en', 'ru'],
  },
  {
    name: 'Yuki Tanaka',
    gender: 'female',
    signature: { en: 'Yuki', ru: 'Юки', pl: 'Yuki', ja: '田中' },
    languages: ['en', 'ja'],
  },
  {
    name: 'Sam Porter',
    gender: 'male',
    signature: { en: 'Sam', ru: 'Сэм', pl: 'Sam', ja: 'サム' },
    languages: ['en'],
  },
];

type CustomerRow = [name: string, email: string, gender: 'f' | 'm', greeting: string, signature: string];

function customers(language: Language, rows: readonly CustomerRow[]): Customer[] {
  return rows.map(([name, email, gender, greeting, signature]) => ({
    name,
    email,
    language,
    gender: gender === 'f' ? 'female' : 'male',
    greeting,
    signature,
  }));
}

export const CUSTOMERS: Record<Language, readonly Customer[]> = {
  en: customers('en', [
    ['Emma Collins', 'emma.collins@mailbox.example', 'f', 'Emma', 'Emma'],
    ["James O'Brien", 'jamesobrien@fastpost.example', 'm', 'James', 'James'],
    ['Priya Nair', 'priya.nair@outlook.example', 'f', 'Priya', 'Priya'],
    ['Liam Walsh', 'liam.walsh@mailbox.example', 'm', 'Liam', 'Liam Walsh'],
    ['Sophie Grant', 'sophie@grant-family.example', 'f', 'Sophie', 'Sophie'],
    ['Michael Brennan', 'm.brennan@outlook.example', 'm', 'Michael', 'Mike'],
    ['Olivia Hart', 'olivia.hart@mailbox.example', 'f', 'Olivia', 'Olivia Hart'],
    ['Daniel Kim', 'dkim@fastpost.example', 'm', 'Daniel', 'Dan'],
    ['Grace Whitfield', 'grace.whitfield@brightleaf-cafe.example', 'f', 'Grace', 'Grace Whitfield'],
    ['Tom Becker', 'tom.becker@mailbox.example', 'm', 'Tom', 'Tom'],
    ['Hannah Lee', 'hannah.lee@outlook.example', 'f', 'Hannah', 'Hannah'],
    ['Chloe Dubois', 'chloe.dubois@fastpost.example', 'f', 'Chloe', 'Chloe'],
    ['Ben Adeyemi', 'ben.adeyemi@mailbox.example', 'm', 'Ben', 'Ben'],
    ['Marcus Reid', 'marcus.reid@outlook.example', 'm', 'Marcus', 'Marcus Reid'],
  ]),
  ru: customers('ru', [
    ['Ольга Смирнова', 'olga.smirnova@yandex.example', 'f', 'Ольга', 'Ольга'],
    ['Алексей Иванов', 'a.ivanov@mail.example', 'm', 'Алексей', 'Алексей Иванов'],
    ['Екатерина Морозова', 'katya.morozova@yandex.example', 'f', 'Екатерина', 'Екатерина'],
    ['Игорь Петренко', 'petrenko.igor@mail.example', 'm', 'Игорь', 'Игорь'],
    ['Наталья Кузнецова', 'n.kuznetsova@rambler.example', 'f', 'Наталья', 'Наталья Кузнецова'],
    ['Сергей Волков', 'svolkov@yandex.example', 'm', 'Сергей', 'С. Волков'],
    ['Мария Лебедева', 'maria.lebedeva@mail.example', 'f', 'Мария', 'Мария'],
    ['Андрей Козлов', 'kozlov.andrey@rambler.example', 'm', 'Андрей', 'Андрей Козлов'],
  ]),
  pl: customers('pl', [
    ['Katarzyna Wiśniewska', 'k.wisniewska@poczta.example', 'f', 'Pani Katarzyno', 'Katarzyna Wiśniewska'],
    ['Tomasz Nowak', 'tomasz.nowak@wp.example', 'm', 'Panie Tomaszu', 'Tomasz Nowak'],
    ['Agnieszka Wójcik', 'agnieszka.wojcik@onet.example', 'f', 'Pani Agnieszko', 'Agnieszka'],
    ['Piotr Zieliński', 'p.zielinski@poczta.example', 'm', 'Panie Piotrze', 'Piotr Zieliński'],
    ['Magdalena Lewandowska', 'magda.lewandowska@wp.example', 'f', 'Pani Magdaleno', 'Magdalena'],
    ['Michał Kamiński', 'michal.kaminski@onet.example', 'm', 'Panie Michale', 'Michał Kamiński'],
    ['Joanna Dąbrowska', 'joanna.dabrowska@poczta.example', 'f', 'Pani Joanno', 'Joanna Dąbrowska'],
    ['Paweł Szymański', 'pawel.szymanski@wp.example', 'm', 'Panie Pawle', 'Paweł'],
  ]),
  ja: customers('ja', [
    ['佐藤 美咲', 'misaki.sato@docomo.example', 'f', '佐藤様', '佐藤 美咲'],
    ['鈴木 健太', 'kenta.suzuki@nifty.example', 'm', '鈴木様', '鈴木 健太'],
    ['高橋 由美', 'yumi.takahashi@ocn.example', 'f', '高橋様', '高橋 由美'],
    ['伊藤 大輔', 'daisuke.ito@nifty.example', 'm', '伊藤様', '伊藤 大輔'],
    ['渡辺 あかり', 'akari.watanabe@docomo.example', 'f', '渡辺様', '渡辺 あかり'],
    ['山本 翔', 'sho.yamamoto@ocn.example', 'm', '山本様', '山本 翔'],
    ['中村 恵', 'megumi.nakamura@nifty.example', 'f', '中村様', '中村 恵'],
  ]),
};
