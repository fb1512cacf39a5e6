import type { Scenario } from './demo-types';

/** Products in the form the Polish texts use them (accusative = nominative). */
const PRODUCTS = [
  'żeliwny czajnik 0,8 l',
  'szklany dzbanek z zaparzaczem',
  'komplet sześciu czarek',
  'zestaw do parzenia herbaty',
] as const;

/** Polish customers: the shop's home market. */
export const SCENARIOS_PL: readonly Scenario[] = [
  {
    id: 'pl-not-received-parcel-locker',
    language: 'pl',
    kind: 'order-not-received',
    subjects: ['Nie dotarła paczka {order}', 'Gdzie jest moje zamówienie?', 'Paczka utknęła w sortowni'],
    group: 'Shipping',
    tags: ['Shipping/Late by shipper'],
    priority: 'High',
    threads: 4,
    products: PRODUCTS,
    steps: [
      {
        by: 'customer',
        text: [
          'Dzień dobry,\n\n[zamówiłam|zamówiłem] u Państwa {product} (zamówienie {order}) ponad tydzień temu. Paczka miała trafić do paczkomatu, ale według śledzenia ({tracking}) od pięciu dni stoi w sortowni w Strykowie. Czy mogą Państwo to sprawdzić?\n\nPozdrawiam\n{customer}',
          'Dzień dobry,\n\nmoje zamówienie {order} nadal do mnie nie dotarło, a status przesyłki {tracking} nie zmienił się od zeszłego czwartku. Proszę o informację, co się dzieje.\n\nZ poważaniem\n{customer}',
        ],
      },
      {
        by: 'team',
        text: 'Dzień dobry {greeting},\n\nprzepraszam za kłopot. <Sprawdziłam|Sprawdziłem> przesyłkę {tracking}: rzeczywiście utknęła w sortowni przewoźnika. <Zgłosiłam|Zgłosiłem> reklamację i <poprosiłam|poprosiłem> o pilne przekazanie paczki dalej. Odezwę się, jak tylko dostanę odpowiedź.\n\nPozdrawiam serdecznie',
      },
      {
        by: 'customer',
        text: 'Dziękuję. Czy jest szansa, że paczka dotrze do soboty? To prezent urodzinowy.',
      },
      {
        by: 'team',
        text: '{greeting}, przewoźnik nie daje gwarancji, więc na wszelki wypadek <wysłałam|wysłałem> dziś drugi egzemplarz kurierem z dostawą jutro ({tracking2}). Jeśli pierwsza paczka też dojdzie, proszę ją po prostu zatrzymać albo odesłać na nasz koszt, jak będzie wygodniej.\n\nPozdrawiam',
      },
      {
        by: 'customer',
        text: 'Kurier był dziś rano. Bardzo dziękuję za pomoc, [zdążyłam|zdążyłem]!\n\n{customer}',
      },
      {
        by: 'team',
        text: 'Cieszymy się, że wszystko się udało. Mamy nadzieję, że prezent się spodoba!\n\nPozdrawiam',
        resolves: true,
      },
    ],
  },
  {
    id: 'pl-refund-delay',
    language: 'pl',
    kind: 'refund',
    subjects: ['Zwrot pieniędzy za zamówienie {order}', 'Brak zwrotu środków', 'Kiedy zwrot?'],
    group: 'Billing',
    tags: ['Returns and exchanges/Refund delay'],
    priority: 'Normal',
    threads: 4,
    products: PRODUCTS,
    steps: [
      {
        by: 'customer',
        text: 'Dzień dobry,\n\n[odesłałam|odesłałem] {product} w ramach zwrotu ponad dwa tygodnie temu (numer nadania {tracking}). Paczka została doręczona, ale pieniądze ({amount}) nadal nie wróciły na moje konto. Kiedy mogę się ich spodziewać?\n\n{customer}',
      },
      {
        by: 'team',
        text: 'Dzień dobry {greeting},\n\nbardzo przepraszamy za opóźnienie. Zwrot był już zatwierdzony, ale przelew nie wyszedł z powodu błędu w numerze konta. Czy może [Pani|Pan] potwierdzić numer rachunku, na który mamy przelać {amount}?\n\nPozdrawiam',
      },
      {
        by: 'customer',
        text: [
          'PL61 1090 1014 0000 0712 1981 2874, na moje imię i nazwisko.',
          'Numer konta: PL27 1140 2004 0000 3002 0135 5387. Dziękuję.',
          'Proszę przelać na PL83 1020 5558 0000 8102 3017 1652.',
        ],
      },
      {
        by: 'team',
        text: 'Dziękuję, przelew został wysłany dziś. Środki powinny być na koncie w ciągu jednego dnia roboczego.\n\nPozdrawiam',
        resolves: true,
      },
    ],
  },
  {
    id: 'pl-invoice-tax-number',
    language: 'pl',
    kind: 'invoice-data',
    subjects: ['Faktura VAT na firmę', 'Prośba o fakturę z NIP do zamówienia {order}', 'Korekta faktury'],
    group: 'Billing',
    tags: ['Invoice data/Missing tax number'],
    priority: 'Low',
    threads: 4,
    steps: [
      {
        by: 'customer',
        text: [
          'Dzień dobry,\n\nprzy zamówieniu {order} [zapomniałam|zapomniałem] zaznaczyć, że potrzebuję faktury na firmę. Proszę o wystawienie faktury na dane:\n\nPracownia Ceramiki Glina s.c.\nul. Długa 17/4, 31-146 Kraków\nNIP 676-245-18-93\n\nZ góry dziękuję\n{customer}',
          'Dzień dobry,\n\nproszę o fakturę VAT do zamówienia {order}:\n\nKawiarnia Pod Lipami Sp. z o.o.\nul. Świętojańska 40, 81-372 Gdynia\nNIP 586-231-77-40\n\nPozdrawiam\n{customer}',
          'Dzień dobry,\n\nna fakturze do zamówienia {order} brakuje numeru NIP. Proszę o korektę:\n\nStudio Wnętrz Jasna\nul. Piotrkowska 112, 90-006 Łódź\nNIP 725-198-44-06\n\nDziękuję\n{customer}',
        ],
      },
      {
        by: 'team',
        text: 'Dzień dobry {greeting},\n\nw załączniku przesyłam fakturę VAT wystawioną na podane dane. Paragon z paczki można wyrzucić.\n\nPozdrawiam serdecznie',
        attachment: 'FV-{orderNumber}.pdf',
        resolves: true,
      },
    ],
  },
  {
    id: 'pl-payment-blik',
    language: 'pl',
    kind: 'payment-error',
    subjects: ['Błąd płatności BLIK', 'Pieniądze pobrane, zamówienie nieopłacone', 'Problem z płatnością'],
    group: 'Billing',
    tags: ['Payments/Payment error'],
    priority: 'High',
    threads: 3,
    steps: [
      {
        by: 'customer',
        text: 'Dzień dobry,\n\n[płaciłam|płaciłem] BLIK-iem za zamówienie {order}. W aplikacji banku płatność jest potwierdzona, {amount} zniknęło z konta, a w sklepie zamówienie dalej ma status „Oczekuje na płatność”. [Dostałam|Dostałem] też maila, że zamówienie zostanie anulowane za 24 godziny.\n\nProszę o pomoc.\n{customer}',
      },
      {
        by: 'team',
        text: 'Dzień dobry {greeting},\n\ndziękuję za wiadomość. Operator płatności ma dziś opóźnienia w przekazywaniu potwierdzeń. <Wstrzymałam|Wstrzymałem> automatyczne anulowanie, więc zamówienie na pewno nie przepadnie. Czy może [Pani|Pan] przesłać zrzut ekranu potwierdzenia z aplikacji banku?\n\nPozdrawiam',
      },
      {
        by: 'customer',
        text: 'W załączniku.',
        attachment: 'potwierdzenie-blik.png',
      },
      {
        by: 'team',
        text: 'Dziękuję. <Przekazałam|Przekazałem> potwierdzenie operatorowi płatności i czekam na odpowiedź, zwykle to trwa do jednego dnia roboczego.\n\nPozdrawiam',
      },
      {
        by: 'customer',
        text: 'Minęły dwa dni i status się nie zmienił. Czy coś wiadomo?',
      },
      {
        by: 'team',
        text: 'Dzień dobry {greeting},\n\noperator potwierdził, że płatność do nas dotarła. <Oznaczyłam|Oznaczyłem> zamówienie {order} jako opłacone, wyjdzie do [Pani|Pana] jeszcze dziś. Przepraszam za nerwy.\n\nPozdrawiam',
        resolves: true,
      },
    ],
  },
  {
    id: 'pl-damaged',
    language: 'pl',
    kind: 'damaged-item',
    subjects: ['Uszkodzony towar w paczce', 'Towar dotarł potłuczony', 'Reklamacja zamówienia {order}'],
    group: 'Shipping',
    tags: ['Returns and exchanges/Damaged in transit'],
    priority: 'High',
    threads: 3,
    products: ['komplet sześciu czarek', 'szklany dzbanek z zaparzaczem'],
    steps: [
      {
        by: 'customer',
        text: 'Dzień dobry,\n\nwłaśnie [odebrałam|odebrałem] paczkę z zamówieniem {order}. Karton był zgnieciony, a {product} dotarł częściowo potłuczony. Zdjęcia w załączniku. Jak mogę złożyć reklamację?\n\n{customer}',
        attachment: 'zdjecie-paczki.png',
      },
      {
        by: 'team',
        text: 'Dzień dobry {greeting},\n\nbardzo przepraszamy, tak nie powinna wyglądać paczka od nas. Zdjęcia w zupełności wystarczą jako reklamacja, niczego nie trzeba odsyłać. Nowy {product} wysłaliśmy dziś kurierem, numer przesyłki {tracking2}.\n\nPozdrawiam serdecznie',
        resolves: true,
      },
    ],
  },
  {
    id: 'pl-order-cancel',
    language: 'pl',
    kind: 'order-change',
    subjects: ['Anulowanie zamówienia {order}', 'Proszę anulować zamówienie'],
    group: 'Shipping',
    tags: ['Order processing/Cancellation'],
    priority: 'Normal',
    threads: 2,
    steps: [
      {
        by: 'customer',
        text: 'Dzień dobry,\n\nproszę o anulowanie zamówienia {order}, omyłkowo [zamówiłam|zamówiłem] dwa razy to samo. Drugie zamówienie zostaje.\n\nDziękuję\n{customer}',
      },
      {
        by: 'team',
        text: 'Dzień dobry {greeting},\n\nzamówienie {order} zostało anulowane, a kwota {amount} wróci na [Pani|Pana] konto w ciągu 3 dni roboczych. Drugie zamówienie realizujemy bez zmian.\n\nPozdrawiam',
        resolves: true,
      },
    ],
  },
  {
    id: 'pl-presales-induction',
    language: 'pl',
    kind: 'pre-sales',
    subjects: ['Pytanie o żeliwny czajnik', 'Czy czajnik nadaje się na indukcję?', 'Pytanie przed zakupem'],
    group: 'Sales',
    tags: ['Pre-sales/Product question'],
    priority: 'Normal',
    threads: 3,
    steps: [
      {
        by: 'customer',
        text: 'Dzień dobry,\n\nczy żeliwny czajnik 0,8 l można stawiać na płycie indukcyjnej? I czy w środku jest emalia, czy surowe żeliwo? Zastanawiam się nad zakupem na prezent.\n\nPozdrawiam\n{customer}',
      },
      {
        by: 'team',
        text: 'Dzień dobry {greeting},\n\nczajnik jest emaliowany w środku i służy do parzenia, a nie do gotowania wody, więc nie stawiamy go na płycie, także indukcyjnej. Wodę najlepiej zagotować w zwykłym czajniku i zalać herbatę w żeliwnym. Do prezentu możemy dodać bilecik z życzeniami, wystarczy wpisać treść w uwagach do zamówienia.\n\nPozdrawiam serdecznie',
      },
      {
        by: 'customer',
        text: 'Dziękuję za szybką odpowiedź, w takim razie zamawiam.',
      },
    ],
  },
  {
    id: 'pl-feature-delivery',
    language: 'pl',
    kind: 'feature-request',
    subjects: ['Sugestia: wybór paczkomatu', 'Pomysł na usprawnienie zamówień'],
    group: 'Tech',
    tags: ['Feature request/Delivery options'],
    priority: 'Low',
    threads: 2,
    steps: [
      {
        by: 'customer',
        text: 'Dzień dobry,\n\nczy planują Państwo dodać możliwość wyboru konkretnego paczkomatu przy zamówieniu? Teraz paczka trafia do najbliższego od adresu, a mi wygodniej odbierać przy pracy. Byłoby super.\n\n{customer}',
      },
      {
        by: 'team',
        text: 'Dzień dobry {greeting},\n\ndziękujemy za sugestię! Wybór paczkomatu na mapie jest w planach na najbliższe miesiące. Do tego czasu wystarczy wpisać kod paczkomatu w uwagach do zamówienia, a my nadamy paczkę tam.\n\nPozdrawiam',
        resolves: true,
      },
    ],
  },
];
