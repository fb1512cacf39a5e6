import { describe, expect, it } from 'vitest';
import { attachmentMentions, checkBeforeSending, linkProblems, unfilledVariables } from './send-checks';
import { renderTemplate } from './template-render';

const texts = (problems: { text: string }[]) => problems.map((p) => p.text);

describe('unfilled variables', () => {
  it.each([
    ['Your reference is {{ticket.reference}}.', ['{{ticket.reference}}']],
    ['Hi {{ customer.firstName | there }}', ['{{ customer.firstName | there }}']],
    ['A half-deleted {{customer.first', ['{{']],
    ['Dear customer, all done.', []],
    ['JSON in a reply: {"a": {"b": 1}}', ['}}']],
  ])('%s', (text, found) => {
    expect(texts(unfilledVariables(text))).toEqual(found);
  });

  it('gives the place of the variable in the text', () => {
    const text = 'Ref {{ticket.reference}} ok';
    const [problem] = unfilledVariables(text);
    expect(problem).toMatchObject({ code: 'unfilled-variable', start: 4, end: 24 });
    expect(text.slice(problem?.start, problem?.end)).toBe('{{ticket.reference}}');
  });

  const context = {
    language: 'en',
    timeZone: 'UTC',
    now: 0,
    customer: { displayName: 'Emma Collins' },
  } as const;
  const { segments } = renderTemplate('Hi {{customer.firstName}}, ref {{ticket.reference}}.', context);

  it('finds a variable inserted as an empty highlight, while nothing is typed there', () => {
    expect(unfilledVariables('Hi Emma, ref .', segments)).toEqual([
      { code: 'unfilled-variable', start: 13, end: 13, text: '{{ticket.reference}}' },
    ]);
  });

  it('is content once the agent typed the value', () => {
    expect(unfilledVariables('Hi Emma, ref #K7Q2XM.', segments)).toEqual([]);
  });

  it('reports a variable written out once, not twice', () => {
    expect(texts(unfilledVariables('Hi Emma, ref {{ticket.reference}}.', segments))).toEqual([
      '{{ticket.reference}}',
    ]);
  });
});

describe('links', () => {
  it.each([
    ['Log in at https://shop.northwind.example/account.', []],
    ['Your invoice: https://drive.google.com/file/d/1AbC/view?usp=sharing', []],
    ['See http://192.168.1.10:8080/status', []],
    ['Follow https://трекинг.рф/заказ', []],
    ['Open https:// and log in', [['incomplete-link', 'https://']]],
    ['Open http:// and log in', [['incomplete-link', 'http://']]],
    ['Open https://shop and log in', [['incomplete-link', 'https://shop']]],
    ['Open https://./x', [['incomplete-link', 'https://./x']]],
    ['The guide: https://example.com/TODO.', [['placeholder-link', 'https://example.com/TODO']]],
    ['The guide: https://www.example.org/help', [['placeholder-link', 'https://www.example.org/help']]],
    [
      'The guide: https://help.northwind.example/TBD',
      [['placeholder-link', 'https://help.northwind.example/TBD']],
    ],
    ['Reset your password here: <link>', [['placeholder-link', '<link>']]],
    ['Ссылка на базу знаний: [ссылка]', [['placeholder-link', '[ссылка]']]],
    ['Ссылка: <ссылка>', [['placeholder-link', '<ссылка>']]],
    ['こちらからご確認ください：<リンク>', [['placeholder-link', '<リンク>']]],
    [
      'Two: https:// and https://example.com/TODO',
      [
        ['incomplete-link', 'https://'],
        ['placeholder-link', 'https://example.com/TODO'],
      ],
    ],
  ])('%s', (text, expected) => {
    expect(linkProblems(text).map((p) => [p.code, p.text])).toEqual(expected);
  });

  it('points at the link', () => {
    const text = 'Here: https://example.com/TODO. Thanks';
    const [problem] = linkProblems(text);
    expect(text.slice(problem?.start, problem?.end)).toBe('https://example.com/TODO');
  });
});

describe('attachments mentioned', () => {
  it.each([
    ['Please find the invoice attached.', ['attached']],
    ['The attachment has the details.', ['attachment']],
    ['I attach the label for the return.', ['I attach']],
    ['Could you attach a photo of the box?', []],
    ['Счёт во вложении.', ['во вложении']],
    ['Прикрепляю инструкцию по возврату.', ['Прикрепляю']],
    ['Прилагаю счёт-фактуру.', ['Прилагаю']],
    ['Приложите, пожалуйста, фото упаковки.', []],
    ['Проверьте статус в приложении банка.', []],
    ['Fakturę przesyłam w załączniku.', ['w załączniku']],
    ['Załączam etykietę zwrotną.', ['Załączam']],
    ['Proszę załączyć zdjęcie paczki.', []],
    ['請求書を添付いたします。', ['添付']],
    ['お手数ですが、写真を添付してください。', []],
    ['お写真をご添付いただけますと幸いです。', []],
    ['Nothing to see here.', []],
  ])('%s', (text, found) => {
    expect(texts(attachmentMentions(text))).toEqual(found);
  });
});

describe('checkBeforeSending', () => {
  const reply = 'Hi {{customer.firstName}}, the label is attached: https://example.com/TODO';

  it('lists every problem in text order', () => {
    expect(checkBeforeSending({ text: reply, attachmentCount: 0 }).map((p) => p.code)).toEqual([
      'unfilled-variable',
      'attachment-missing',
      'placeholder-link',
    ]);
  });

  it('says nothing of the attachment when there is one', () => {
    expect(checkBeforeSending({ text: reply, attachmentCount: 1 }).map((p) => p.code)).toEqual([
      'unfilled-variable',
      'placeholder-link',
    ]);
  });

  it('passes a finished reply', () => {
    expect(
      checkBeforeSending({
        text: 'Hi Emma, the label is attached. Track it at https://track.northwind.example/PX1.',
        attachmentCount: 1,
      }),
    ).toEqual([]);
  });
});
