import type { Scenario } from './demo-types';

const PRODUCTS = [
  '鉄瓶風の鋳鉄ティーポット（0.8L）',
  '青磁の湯呑み6客セット',
  '茶こし付きガラスティーポット',
  '竹の茶盤',
] as const;

/** Japanese customers, answered by Yuki in keigo. */
export const SCENARIOS_JA: readonly Scenario[] = [
  {
    id: 'ja-not-received',
    language: 'ja',
    kind: 'order-not-received',
    subjects: ['注文した商品が届きません（{order}）', '配送状況について', '荷物の追跡が更新されません'],
    group: 'Shipping',
    tags: ['Shipping/Late by shipper'],
    priority: 'High',
    threads: 4,
    products: PRODUCTS,
    steps: [
      {
        by: 'customer',
        text: [
          'Northwind Shop\nカスタマーサポート ご担当者様\n\nお世話になっております。{customer}と申します。\n3週間ほど前に{product}を注文しましたが（注文番号 {order}）、まだ届いておりません。\n追跡番号 {tracking} で確認しますと、10日前から「国際交換局から発送」のまま更新されていないようです。\n\nお手数ですが、状況をご確認いただけますでしょうか。\nよろしくお願いいたします。\n\n{customer}',
          'お世話になっております。\n注文番号 {order} の件でご連絡いたしました。\n到着予定日を過ぎても商品が届かず、追跡番号 {tracking} の情報も1週間以上変わっておりません。\n配送状況を確認していただけますと幸いです。\n\n{customer}',
        ],
      },
      {
        by: 'team',
        text: '{greeting}\n\nこの度はNorthwind Shopをご利用いただき、誠にありがとうございます。\nカスタマーサポートの{agent}でございます。\n\nお問い合わせの件、配送業者に確認いたしましたところ、お荷物は現在日本の税関で検査待ちとなっているとのことでした。\n通常は数日で通関いたしますが、引き続き状況を確認し、進展がありましたらご連絡いたします。\n\nご不便をおかけしており、大変申し訳ございません。',
      },
      {
        by: 'customer',
        text: 'ご確認いただきありがとうございます。\n関税などの支払いは必要になりますでしょうか。\n\n{customer}',
      },
      {
        by: 'team',
        text: '{greeting}\n\nご注文金額が1万円以下のため、関税・消費税はかからない見込みです。\n万が一、配達時に請求がございましたら、領収書をお送りいただければ当店にて全額ご返金いたします。\n\nどうぞよろしくお願いいたします。',
      },
      {
        by: 'customer',
        text: '本日無事に受け取りました。丁寧にご対応いただき、ありがとうございました。\n\n{customer}',
      },
      {
        by: 'team',
        text: '{greeting}\n\n無事にお届けできたとのこと、安心いたしました。\nお待たせしてしまい申し訳ございませんでした。今後ともNorthwind Shopをよろしくお願いいたします。',
        resolves: true,
      },
    ],
  },
  {
    id: 'ja-damaged-lid',
    language: 'ja',
    kind: 'damaged-item',
    subjects: ['商品破損のご連絡', '届いた商品が割れていました', '破損品について（{order}）'],
    group: 'Shipping',
    tags: ['Returns and exchanges/Damaged in transit'],
    priority: 'High',
    threads: 3,
    products: ['青磁の湯呑み6客セット', '茶こし付きガラスティーポット'],
    steps: [
      {
        by: 'customer',
        text: 'Northwind Shop ご担当者様\n\n本日、注文番号 {order} の商品を受け取りました。\n開封したところ、{product}の一部が割れておりました。外箱にも潰れた跡がありました。\n写真を添付いたしますので、ご確認のほどよろしくお願いいたします。\n\n{customer}',
        attachment: 'hason-{orderNumber}.png',
      },
      {
        by: 'team',
        text: '{greeting}\n\nこの度はせっかくご注文いただいた商品が破損した状態で届き、大変申し訳ございません。\nお写真を確認いたしました。代わりの商品を本日発送いたしますので、破損した商品のご返送は不要です。\n新しい追跡番号は {tracking2} です。\n\n今後は梱包を一層強化いたします。重ねてお詫び申し上げます。',
      },
      {
        by: 'customer',
        text: '迅速なご対応ありがとうございます。到着を楽しみにしております。',
      },
      {
        by: 'team',
        text: '{greeting}\n\nご丁寧にありがとうございます。お届けまで今しばらくお待ちくださいませ。',
        resolves: true,
      },
    ],
  },
  {
    id: 'ja-receipt-name',
    language: 'ja',
    kind: 'invoice-data',
    subjects: ['領収書の宛名変更のお願い', '請求書の再発行について'],
    group: 'Billing',
    tags: ['Invoice data/Wrong company details'],
    priority: 'Low',
    threads: 3,
    steps: [
      {
        by: 'customer',
        text: [
          'お世話になっております。\n注文番号 {order} の領収書について、宛名を会社名に変更していただくことは可能でしょうか。\n\n宛名：株式会社みどり茶房\n但し書き：店舗備品代として\n\nお手数をおかけしますが、よろしくお願いいたします。\n{customer}',
          'お世話になります。\n{order} の請求書を、下記の宛名で再発行していただけますでしょうか。\n\n合同会社あおば設計事務所\n\n経費精算に必要なため、PDFでお送りいただけますと助かります。\n{customer}',
          'いつもお世話になっております。\n注文番号 {order} の領収書の宛名を「有限会社さくら工房」に変更していただきたく、ご連絡いたしました。\n\nよろしくお願いいたします。\n{customer}',
        ],
      },
      {
        by: 'team',
        text: '{greeting}\n\nお問い合わせいただきありがとうございます。\nご指定の宛名と但し書きで領収書を再発行いたしました。PDFを添付いたしますので、ご確認くださいませ。\n\n今後ともよろしくお願いいたします。',
        attachment: 'ryoshusho-{orderNumber}.pdf',
        resolves: true,
      },
    ],
  },
  {
    id: 'ja-presales-shipping',
    language: 'ja',
    kind: 'pre-sales',
    subjects: ['日本への発送について', '購入前の質問です', '送料と到着までの日数'],
    group: 'Sales',
    tags: ['Pre-sales/Shipping question'],
    priority: 'Normal',
    threads: 4,
    products: PRODUCTS,
    steps: [
      {
        by: 'customer',
        text: [
          'はじめまして。\n{product}の購入を検討しております。日本への発送は可能でしょうか。\nまた、送料と到着までのおおよその日数を教えていただけますと助かります。\n\nよろしくお願いいたします。\n{customer}',
          'お世話になります。\n{product}を2点まとめて注文した場合、同梱していただけますか。\n日本（大阪）までの送料もあわせて教えてください。\n\n{customer}',
        ],
      },
      {
        by: 'team',
        text: '{greeting}\n\nお問い合わせいただき、ありがとうございます。\n日本への発送も承っております。送料は一律18ユーロ、100ユーロ以上のご注文で無料となります。\n通常、発送から7〜12営業日ほどでお届けしており、複数の商品は一つの箱にまとめてお送りいたします。\n\nその他ご不明な点がございましたら、お気軽にお問い合わせください。',
      },
      {
        by: 'customer',
        text: 'ご回答ありがとうございます。さっそく注文させていただきます。',
      },
      {
        by: 'team',
        text: '{greeting}\n\nご注文ありがとうございます。心を込めて梱包し、お届けいたします。',
        resolves: true,
      },
    ],
  },
  {
    id: 'ja-account-login',
    language: 'ja',
    kind: 'account',
    subjects: ['ログインできません', 'アカウントにログインできない件'],
    group: 'Tech',
    tags: ['Customer accounts/Login problem'],
    priority: 'Normal',
    threads: 3,
    steps: [
      {
        by: 'customer',
        text: 'お世話になっております。\n昨日からアカウントにログインできなくなりました。パスワードは合っているはずですが、「認証コードが正しくありません」と表示されます。\n確認用のメールも届きません。\n\n解決方法を教えていただけないでしょうか。\n{customer}',
      },
      {
        by: 'team',
        text: '{greeting}\n\nご不便をおかけしており申し訳ございません。\n確認いたしましたところ、一部のメールアドレス宛てに認証コードのメールが遅れて届く不具合が発生しておりました。現在は復旧しております。\n\nお手数ですが、もう一度ログインをお試しいただけますでしょうか。',
      },
      {
        by: 'customer',
        text: '先ほど無事にログインできました。ありがとうございました。',
      },
      {
        by: 'team',
        text: '{greeting}\n\nご連絡ありがとうございます。無事にログインできたとのこと、安心いたしました。',
        resolves: true,
      },
    ],
  },
  {
    id: 'ja-wrong-item',
    language: 'ja',
    kind: 'wrong-item',
    subjects: ['注文と違う商品が届きました', '色違いの商品が届いた件'],
    group: 'Shipping',
    tags: ['Returns and exchanges/Wrong item shipped'],
    priority: 'Normal',
    threads: 2,
    steps: [
      {
        by: 'customer',
        text: 'お世話になっております。\n注文番号 {order} で黒の鋳鉄ティーポットを注文しましたが、届いたのは赤いものでした。\n交換をお願いできますでしょうか。\n\n{customer}',
      },
      {
        by: 'team',
        text: '{greeting}\n\nこの度はご注文と異なる商品をお送りしてしまい、誠に申し訳ございません。\n黒のティーポットを本日発送いたしました（追跡番号 {tracking2}）。\n赤い商品につきましては、同封の返送用ラベルで着払いにてご返送いただけますと幸いです。',
      },
    ],
  },
  {
    id: 'ja-feature-site',
    language: 'ja',
    kind: 'feature-request',
    subjects: ['日本語サイトのご要望'],
    group: 'Tech',
    tags: ['Feature request/Japanese website'],
    priority: 'Low',
    threads: 1,
    steps: [
      {
        by: 'customer',
        text: 'いつも楽しく買い物させていただいております。\nもし可能であれば、日本語のサイトや円での価格表示があると、友人にもおすすめしやすいです。\nご検討いただけますと嬉しいです。\n\n{customer}',
      },
    ],
  },
  {
    id: 'ja-thanks',
    language: 'ja',
    kind: 'thanks',
    subjects: ['お礼', '商品が届きました'],
    tags: [],
    priority: 'Low',
    threads: 2,
    products: PRODUCTS,
    steps: [
      {
        by: 'customer',
        text: 'Northwind Shop の皆様\n\n{product}が本日届きました。写真で見た以上に素敵で、とても気に入っております。\n手書きのメッセージカードも嬉しかったです。ありがとうございました。\n\n{customer}',
      },
      {
        by: 'team',
        text: '{greeting}\n\n温かいお言葉をいただき、スタッフ一同大変嬉しく思っております。\nどうぞ末永くご愛用くださいませ。',
        resolves: true,
      },
    ],
  },
];
