// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import japanese from '../../../public/_locales/ja/messages.json';
import polish from '../../../public/_locales/pl/messages.json';
import russian from '../../../public/_locales/ru/messages.json';
import { tn } from '../i18n';
import { activitySentence } from './activity';
import { SlaClock } from './sla-clock';
import { byLabel, HOUR, mount, NOW, TEAM, TICKET, unmount, useEnglish } from './testing';
import { TicketFields } from './ticket-fields';

let restore = () => {};
afterEach(() => {
  unmount();
  restore();
});

describe('the ticket panel in other languages', () => {
  it('counts notes with Russian and Polish plural forms', () => {
    restore = useEnglish('ru', russian);
    expect([1, 3, 5, 21].map((n) => tn('ticketNotesCount', n))).toEqual([
      '1 внутренняя заметка',
      '3 внутренние заметки',
      '5 внутренних заметок',
      '21 внутренняя заметка',
    ]);
    restore();
    restore = useEnglish('pl', polish);
    expect([1, 3, 5, 22].map((n) => tn('ticketNotesCount', n))).toEqual([
      '1 notatka wewnętrzna',
      '3 notatki wewnętrzne',
      '5 notatek wewnętrznych',
      '22 notatki wewnętrzne',
    ]);
  });

  it('names the controls in Russian and translates statuses', () => {
    restore = useEnglish('ru', russian);
    const root = mount(
      <TicketFields ticket={TICKET} team={TEAM} me="Anna" onChange={() => {}} onOpenOptions={() => {}} />,
    );
    for (const name of ['Статус', 'Приоритет', 'Исполнитель', 'Группа'])
      expect(byLabel(root, name), name).not.toBeNull();
    const status = byLabel(root, 'Статус') as HTMLSelectElement;
    expect(status.selectedOptions[0]?.textContent).toBe('Открыт');
  });

  it('writes SLA and activity sentences in Japanese', () => {
    restore = useEnglish('ja', japanese);
    const root = mount(<SlaClock ticket={{ ...TICKET, slaDueAt: NOW - 2 * HOUR }} now={NOW} />);
    expect(root.textContent).toBe('2 時間前に期限切れ');
    expect(
      activitySentence({
        id: 'a',
        actor: 'Yuki',
        field: 'status',
        from: 'Open',
        to: 'Solved',
        createdAt: NOW,
      }),
    ).toBe('Yuki さんがステータスを「オープン」から「解決済み」に変更しました');
  });
});
