import type { Scenario } from './demo-types';

const PRODUCTS = [
  'cast iron teapot (0.8 l, black)',
  'Kyusu side-handle teapot',
  'set of six celadon tea cups',
  'glass teapot with infuser',
  'bamboo tea tray',
  'Darjeeling First Flush 100 g tin',
  'linen table runner',
] as const;

/** English-speaking customers: the largest share of the mailbox. */
export const SCENARIOS_EN: readonly Scenario[] = [
  {
    id: 'en-not-received-shipper',
    language: 'en',
    kind: 'order-not-received',
    subjects: ['Order {order} not received', 'Where is my order {order}?', 'Parcel still not here ({order})'],
    group: 'Shipping',
    tags: ['Shipping/Late by shipper'],
    priority: 'High',
    threads: 4,
    products: PRODUCTS,
    steps: [
      {
        by: 'customer',
        text: [
          'Hi,\n\nI ordered a {product} on your site almost three weeks ago (order {order}) and it still hasn\'t arrived. The tracking number {tracking} hasn\'t updated in nine days, it just says "In transit".\n\nCould you please look into it?\n\nThanks,\n{customer}',
          'Hello,\n\nMy order {order} was supposed to arrive last week. Tracking ({tracking}) has been stuck on "Arrived at sorting centre" since then. It was meant to be a birthday present so I\'m a bit worried.\n\nCan you tell me what is going on?\n\n{customer}',
        ],
      },
      {
        by: 'team',
        text: "Hi {greeting},\n\nThanks for letting us know, and I'm sorry your parcel is taking so long. I've checked {tracking} with the carrier: the parcel left our warehouse on time, but it has been sitting at their hub since the last scan. I've opened an enquiry with them and asked for an update within two working days.\n\nI'll get back to you as soon as I hear from them.\n\nBest regards,",
      },
      {
        by: 'customer',
        text: 'Thanks for the quick answer. Any news? Tracking still shows the same status.\n\n{customer}',
      },
      {
        by: 'team',
        text: "Hi {greeting},\n\nThe carrier has confirmed that the parcel was mis-sorted and they're trying to trace it. They've asked for three more working days. I know that's frustrating, and I'll chase them again on Friday if nothing changes.\n\nBest,",
      },
      {
        by: 'customer',
        text: "It's been a week now and still nothing. Honestly I'd rather just get my money back or a new one sent.\n\n{customer}",
      },
      {
        by: 'team',
        text: "Hi {greeting},\n\nYou're absolutely right, you've waited long enough. I've sent a replacement by express today, at no cost to you. The new tracking number is {tracking2} and it should be with you in 2-3 working days. If the first parcel turns up after all, just keep it or give it to a friend; there's no need to send anything back.\n\nSorry again for the trouble,",
      },
      {
        by: 'customer',
        text: "Thank you. Will someone need to sign for the express parcel? I'm at work during the day.",
      },
      {
        by: 'team',
        text: "No signature needed: if you're out, the courier leaves it with a neighbour or in a safe place, and their text message has a link to pick another day.\n\nBest,",
      },
      {
        by: 'customer',
        text: 'Got it this morning, all in one piece. Thank you for sorting this out!\n\n{customer}',
      },
      {
        by: 'team',
        text: "That's great to hear, {greeting}! Enjoy it, and thank you for your patience.\n\nAll the best,",
        resolves: true,
      },
    ],
  },
  {
    id: 'en-not-shipped-warehouse',
    language: 'en',
    kind: 'order-not-received',
    subjects: ['Order {order} still not shipped?', 'When will {order} be dispatched?'],
    group: 'Shipping',
    tags: ['Shipping/Warehouse delays'],
    priority: 'Normal',
    threads: 4,
    products: PRODUCTS,
    steps: [
      {
        by: 'customer',
        text: 'Hi there,\n\nI placed order {order} six days ago and the status still says "Processing". Your website says orders ship within 48 hours. Is there a problem?\n\nRegards,\n{customer}',
      },
      {
        by: 'team',
        text: "Hi {greeting},\n\nI'm sorry for the delay. We moved to a new warehouse system last week and a batch of orders, yours included, got held up. Your {product} is packed now and will go out with today's collection; you'll get the tracking number by email this evening.\n\nKind regards,",
      },
      {
        by: 'customer',
        text: 'Thanks, I got the tracking email. Appreciate the quick reply.\n\n{customer}',
      },
      {
        by: 'team',
        text: "You're welcome, {greeting}. Thanks for bearing with us!\n\nBest,",
        resolves: true,
      },
    ],
  },
  {
    id: 'en-wrong-item',
    language: 'en',
    kind: 'wrong-item',
    subjects: [
      'Wrong item in my order {order}',
      'Received the wrong product',
      'Order {order}: not what I ordered',
    ],
    group: 'Shipping',
    tags: ['Returns and exchanges/Wrong item shipped'],
    priority: 'Normal',
    threads: 4,
    products: PRODUCTS,
    steps: [
      {
        by: 'customer',
        text: 'Hello,\n\nMy parcel arrived today but instead of the {product} I ordered there was a completely different item inside (a white ceramic mug). Photo attached. Order number {order}.\n\nHow do I get the right one?\n\n{customer}',
        attachment: 'photo-{orderNumber}.png',
      },
      {
        by: 'team',
        text: "Hi {greeting},\n\nThank you for the photo, and I'm sorry about the mix-up: two orders were packed together and the labels got swapped. I've already sent the correct {product} by tracked post ({tracking2}). Please keep the mug, it's yours.\n\nWarm regards,",
      },
      {
        by: 'customer',
        text: "Oh that's kind, thank you. Will let you know when it arrives.",
      },
      {
        by: 'customer',
        text: 'Arrived today, right item this time. Thanks again!\n\n{customer}',
      },
      {
        by: 'team',
        text: 'Glad it all worked out, {greeting}. Enjoy!\n\nBest,',
        resolves: true,
      },
    ],
  },
  {
    id: 'en-damaged',
    language: 'en',
    kind: 'damaged-item',
    subjects: ['Item arrived broken', 'Damaged delivery - order {order}', 'Cracked on arrival'],
    group: 'Shipping',
    tags: ['Returns and exchanges/Damaged in transit'],
    priority: 'High',
    threads: 3,
    products: ['set of six celadon tea cups', 'glass teapot with infuser', 'Kyusu side-handle teapot'],
    steps: [
      {
        by: 'customer',
        text: "Hi,\n\nI just opened my order {order} and the {product} is broken, the box was clearly crushed on the way. I've attached a picture of the box and the pieces.\n\nReally disappointed, this was a gift for my mum.\n\n{customer}",
        attachment: 'photo-{orderNumber}.png',
      },
      {
        by: 'team',
        text: "Hi {greeting},\n\nI'm really sorry, that's not how it should have arrived. You don't need to send the pieces back. I can either send you a new {product} straight away or refund you in full, whichever you prefer. Just let me know.\n\nKind regards,",
      },
      {
        by: 'customer',
        text: 'A replacement please, if it can still arrive before Sunday.',
      },
      {
        by: 'team',
        text: 'Done: the replacement went out by express today ({tracking2}) with extra padding, and the courier expects to deliver it on Friday. I hope your mum loves it.\n\nBest wishes,',
        resolves: true,
      },
    ],
  },
  {
    id: 'en-refund-delay',
    language: 'en',
    kind: 'refund',
    subjects: ['Refund for returned order {order}', 'Still waiting for my refund', 'Refund not received'],
    group: 'Billing',
    tags: ['Returns and exchanges/Refund delay'],
    priority: 'Normal',
    threads: 4,
    products: PRODUCTS,
    steps: [
      {
        by: 'customer',
        text: "Hi,\n\nI sent back the {product} from order {order} two weeks ago (return tracking {tracking}, it was delivered to you on the 3rd). I still haven't received the refund of {amount}. How long does it usually take?\n\nThanks,\n{customer}",
      },
      {
        by: 'team',
        text: "Hi {greeting},\n\nThanks for your patience. Your return reached us and was checked, but the refund was stuck waiting for approval on our side, which shouldn't have happened. I've issued it just now: {amount} back to the card you paid with. Banks usually take 3-5 working days to show it.\n\nSorry for the wait,",
      },
      {
        by: 'customer-auto-reply',
        text: "Thank you for your email. I'm away until Monday with limited access to email. I'll reply when I'm back.\n\n{customer}",
      },
      {
        by: 'customer',
        text: 'Back from holiday and I can see the refund on my statement. Thanks!\n\n{customer}',
      },
      {
        by: 'team',
        text: 'Great, thanks for confirming, {greeting}. Have a lovely week!\n\nBest,',
        resolves: true,
      },
    ],
  },
  {
    id: 'en-invoice-company',
    language: 'en',
    kind: 'invoice-data',
    subjects: [
      'Invoice with company details for {order}',
      'Please correct invoice {order}',
      'VAT invoice needed',
    ],
    group: 'Billing',
    tags: ['Invoice data/Wrong company details'],
    priority: 'Low',
    threads: 4,
    steps: [
      {
        by: 'customer',
        text: [
          'Hello,\n\nCould you please reissue the invoice for order {order} with our company details? I forgot to fill them in at checkout.\n\nBrightleaf Café Ltd\n14 Mill Lane, Bristol BS1 4DJ, United Kingdom\nVAT: GB 284 1937 20\n\nMany thanks,\n{customer}',
          "Hi,\n\nThe invoice for {order} has my home address on it, but it's a business purchase. Please change it to:\n\nHart & Lowe Interiors\nUnit 4, 30 Canal Street, Manchester M1 3HE\nVAT GB 917 4410 36\n\nThank you!\n{customer}",
          'Good morning,\n\nOur finance team needs the invoice for order {order} issued to the company, with the VAT number:\n\nKim Design Studio GmbH\nTorstraße 118, 10119 Berlin, Germany\nUSt-IdNr. DE 318 442 907\n\nBest regards,\n{customer}',
        ],
      },
      {
        by: 'team',
        text: 'Hi {greeting},\n\nOf course. The corrected invoice is attached; the old one has been cancelled in our system.\n\nKind regards,',
        attachment: 'invoice-{orderNumber}.pdf',
        resolves: true,
      },
    ],
  },
  {
    id: 'en-payment-error',
    language: 'en',
    kind: 'payment-error',
    subjects: [
      'Charged twice for order {order}!',
      'Payment failed but money taken',
      'Double charge on my card',
    ],
    group: 'Billing',
    tags: ['Payments/Payment error'],
    priority: 'Urgent',
    threads: 4,
    steps: [
      {
        by: 'customer',
        text: 'Hi,\n\nI tried to pay for my order this morning, the page showed "Payment failed", so I tried again and it went through (order {order}). But now my banking app shows TWO charges of {amount}. Please refund the extra one asap.\n\n{customer}',
      },
      {
        by: 'team',
        text: "Hi {greeting},\n\nSorry for the scare. I can see what happened: the first attempt was authorised by your bank but our payment page timed out before confirming it. That first charge is only a hold and was never captured; it's released automatically, usually within 5 working days. I've also asked our payment provider to release it sooner.\n\nYour order {order} is paid once and is being packed.\n\nBest regards,",
      },
      {
        by: 'customer',
        text: "OK but it's still showing as pending on my account and I need that money. Can you send me something in writing I can show my bank?",
      },
      {
        by: 'team',
        text: "Of course. Our payment provider has confirmed in writing that the authorisation (reference AUTH-58213) was cancelled today; I've attached their confirmation. If your bank asks, that reference is all they need.\n\nBest,",
        attachment: 'payment-cancellation-AUTH-58213.pdf',
      },
      {
        by: 'customer',
        text: 'It disappeared from my account this afternoon. Thanks for chasing it.\n\n{customer}',
      },
      {
        by: 'team',
        text: 'Good to hear, {greeting}. Sorry again for the trouble, and thank you for letting us know so quickly.\n\nBest,',
        resolves: true,
      },
    ],
  },
  {
    id: 'en-login-reset',
    language: 'en',
    kind: 'account',
    subjects: [
      "Can't log in to my account",
      'Password reset email never arrives',
      'Locked out of my account',
    ],
    group: 'Tech',
    tags: ['Customer accounts/Password reset'],
    priority: 'Normal',
    threads: 4,
    steps: [
      {
        by: 'customer',
        text: 'Hi,\n\nI can\'t log in to my account. I\'ve clicked "Forgot password" three times but the email never arrives (checked spam too). I want to check my order history before ordering again.\n\n{customer}',
      },
      {
        by: 'team',
        text: "Hi {greeting},\n\nThanks for writing. Your email provider was rejecting our reset emails for a few hours yesterday; that's fixed now. I've sent you a fresh reset link a minute ago, valid for 24 hours. Could you try it and let me know if it works?\n\nBest,",
      },
      {
        by: 'customer',
        text: "That worked, I'm in. Thanks!",
      },
      {
        by: 'team',
        text: 'Perfect, {greeting}. Happy shopping!\n\nBest,',
        resolves: true,
      },
    ],
  },
  {
    id: 'en-address-change',
    language: 'en',
    kind: 'order-change',
    subjects: ['Change delivery address for {order}', 'Wrong address on my order!', 'Urgent: address change'],
    group: 'Shipping',
    tags: ['Order processing/Address change'],
    priority: 'High',
    threads: 3,
    steps: [
      {
        by: 'customer',
        text: [
          "Hi,\n\nI've just realised I put my old address on order {order}. Could you please send it to:\n\n22 Harbour View, Flat 3\nCork T12 XR6H\nIreland\n\nSorry for the hassle!\n{customer}",
          'Hello,\n\nI moved last week and order {order} still has my old address. The new one is:\n\n7 Rosebery Crescent\nEdinburgh EH12 5JY\nUnited Kingdom\n\nCan you change it before it ships?\n{customer}',
          'Hi there,\n\nCould order {order} go to my office instead of home? Address:\n\nNorthgate Architects, 3rd floor\n41 Park Row, Leeds LS1 5JL\n\nThanks a lot,\n{customer}',
        ],
      },
      {
        by: 'team',
        text: "Hi {greeting},\n\nNo hassle at all, and you caught it in time: the parcel hadn't left yet. I've updated the address on order {order}, and the shipping confirmation you'll get today will show the new one.\n\nKind regards,",
        resolves: true,
      },
    ],
  },
  {
    id: 'en-presales-teapot',
    language: 'en',
    kind: 'pre-sales',
    subjects: ['Cast iron teapot: stove and shipping to Canada?', 'Are the celadon cups dishwasher safe?'],
    group: 'Sales',
    tags: ['Pre-sales/Product question'],
    priority: 'Normal',
    threads: 5,
    steps: [
      {
        by: 'customer',
        text: [
          "Hello,\n\nI'm looking at the cast iron teapot (0.8 l). Is the inside enamelled, and can I put it on a gas stove? Also, do you ship to Canada and roughly how long does it take?\n\nThank you,\n{customer}",
          'Hi,\n\nQuick question before I order: are your celadon cups dishwasher safe? And if I order two sets, can you send them in one parcel?\n\nCheers,\n{customer}',
        ],
      },
      {
        by: 'team',
        text: 'Hi {greeting},\n\nGreat questions. Our cast iron teapots are enamelled inside and are made for brewing, not for the stove: please heat the water in a kettle. The celadon cups are dishwasher safe on a gentle programme, though hand washing keeps the glaze bright for longer. We ship to Canada with tracked post in about 7-12 working days, and several items always go in one parcel.\n\nIf anything else comes to mind, just reply to this email.\n\nBest,',
      },
      {
        by: 'customer',
        text: "Perfect, thanks. I'll place the order tonight.",
      },
      {
        by: 'team',
        text: 'Wonderful, enjoy your tea!\n\nBest,',
        resolves: true,
      },
    ],
  },
  {
    id: 'en-presales-wholesale',
    language: 'en',
    kind: 'pre-sales',
    subjects: ['Trade prices for a tea room', 'Wholesale enquiry'],
    group: 'Sales',
    tags: ['Pre-sales/Wholesale'],
    priority: 'Normal',
    threads: 2,
    steps: [
      {
        by: 'customer',
        text: [
          "Hello Northwind team,\n\nI run a small tea room in Bath and would love to stock your glass teapots and a few of your loose-leaf teas. Do you offer trade prices, and what's the minimum order?\n\nBest wishes,\n{customer}",
          "Hi,\n\nWe're opening a small homeware shop in Galway next spring and your celadon cups would fit our range perfectly. Do you sell wholesale? What are the terms?\n\nThanks,\n{customer}",
        ],
      },
      {
        by: 'team',
        text: "Hi {greeting},\n\nThanks for thinking of us! Yes, we do trade orders: 25% off retail from €300, free shipping in the EU and UK from €600. I've attached our current trade price list. If you'd like to try a few pieces first, send me your address and I'll post a sample box.\n\nBest regards,",
        attachment: 'northwind-trade-price-list.pdf',
      },
      {
        by: 'customer',
        text: [
          'Samples would be lovely! Address: The Little Leaf, 5 Abbey Green, Bath BA1 1NW.\n\n{customer}',
          "Yes please! Send them to Salt & Clay, 12 Quay Street, Galway H91 E2W8. We'll be in touch soon.\n\n{customer}",
        ],
      },
      {
        by: 'team',
        text: "They're on their way. Take your time tasting, and reply here whenever you're ready to order.\n\nBest,",
        resolves: true,
      },
    ],
  },
  {
    id: 'en-feature-gift-wrap',
    language: 'en',
    kind: 'feature-request',
    subjects: ['Suggestion: gift wrapping option', 'Could you add a wishlist?'],
    group: 'Tech',
    tags: ['Feature request/Shop website'],
    priority: 'Low',
    threads: 3,
    steps: [
      {
        by: 'customer',
        text: [
          "Hi,\n\nI love your shop and buy most of my presents here. Would you consider adding a gift-wrapping option at checkout, and a way to leave out the invoice from the parcel? I'd happily pay a bit extra for it.\n\nThanks,\n{customer}",
          "Hello,\n\nSmall suggestion: a wishlist on the website would be really useful. I keep screenshots of things I want to buy later, which isn't ideal :)\n\n{customer}",
        ],
      },
      {
        by: 'team',
        text: "Hi {greeting},\n\nThank you for the suggestion, and for shopping with us! I've passed it on to the team that plans the website. I can't promise a date, but it's the kind of request we hear more often, so it's on the list. Meanwhile, if you write \"gift\" in the order notes, we leave the invoice out and add a handwritten card.\n\nBest,",
        resolves: true,
      },
    ],
  },
  {
    id: 'en-complaint-first',
    language: 'en',
    kind: 'complaint',
    subjects: ['Order {order} - two weeks late'],
    group: 'Shipping',
    tags: ['Complaint/Slow response', 'Shipping/Late by shipper'],
    priority: 'High',
    threads: 1,
    customerEmail: 'marcus.reid@outlook.example',
    startedDaysAgo: [15, 17],
    steps: [
      {
        by: 'customer',
        text: "Hello,\n\nMy order {order} is now two weeks late. The tracking link doesn't work and nobody answers the phone. Please tell me where my order is.\n\nMarcus Reid",
      },
    ],
  },
  {
    id: 'en-complaint-second',
    language: 'en',
    kind: 'complaint',
    subjects: ['Second email - still no answer about my order'],
    group: 'Shipping',
    tags: ['Complaint/Slow response', 'Shipping/Late by shipper'],
    priority: 'High',
    threads: 1,
    customerEmail: 'marcus.reid@outlook.example',
    startedDaysAgo: [11, 13],
    steps: [
      {
        by: 'customer',
        text: 'This is my second email. I wrote four days ago about my late order and got no reply at all, not even an automatic one. This is really poor service. I want to know TODAY where my parcel is.\n\nMarcus Reid',
      },
    ],
  },
  {
    id: 'en-complaint-third',
    language: 'en',
    kind: 'complaint',
    subjects: ['THIRD TIME: I want a refund'],
    group: 'Shipping',
    tags: ['Complaint/Slow response', 'Shipping/Late by shipper'],
    priority: 'Urgent',
    threads: 1,
    customerEmail: 'marcus.reid@outlook.example',
    startedDaysAgo: [8, 10],
    steps: [
      {
        by: 'customer',
        text: "Third email. Still nothing from you. Cancel the order and refund me, or I'll open a dispute with my bank.\n\nMarcus Reid",
      },
      {
        by: 'team',
        text: "Hi {greeting},\n\nI'm truly sorry. You wrote to us three times and should have had an answer after the first email; your messages were sorted into the wrong queue, and that's our fault, not yours. Your parcel was returned to us by the carrier because of a damaged label. I've refunded your order in full ({amount}) today; you'll see it in 3-5 working days. If you'd still like the items, I'll send them by express at no charge, just say the word.\n\nWith apologies,",
      },
      {
        by: 'customer',
        text: 'OK. Refund is fine. I appreciate the honest answer at least.\n\nMarcus',
      },
      {
        by: 'team',
        text: "Thank you, {greeting}. The refund is on its way, and I've added a note to your account so that this doesn't happen again.\n\nKind regards,",
        resolves: true,
      },
    ],
  },
  {
    id: 'en-thanks',
    language: 'en',
    kind: 'thanks',
    subjects: ['Thank you!', 'Just wanted to say thanks', 'Lovely packaging'],
    tags: [],
    priority: 'Low',
    threads: 3,
    products: PRODUCTS,
    steps: [
      {
        by: 'customer',
        text: [
          "Hi,\n\nJust a quick note to say the {product} arrived today and it's beautiful. The handwritten card was a lovely touch. I'll definitely order again!\n\n{customer}",
          'Hello!\n\nThanks for the quick delivery, and for the little tea sample you put in the box. We tried it straight away. Keep it up!\n\n{customer}',
        ],
      },
      {
        by: 'team',
        text: 'Hi {greeting},\n\nThank you so much for taking the time to write, it made our day! Enjoy your tea.\n\nWarmly,',
        resolves: true,
      },
    ],
  },
];
