// @vitest-environment happy-dom
/**
 * Property-based tests of the template renderer (issue 8, "Hostile input"): templates are typed by agents and
 * shared through the mailbox, and the values come from customers' mail (a display name such as
 * `<img src=x onerror=alert(1)>`). Rendering must never throw, must keep every character of the template, must
 * handle unknown and unfilled variables as documented in template-render.ts, and a reply put into Gmail's
 * compose box must never gain markup from a value.
 */
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { insertIntoCompose } from '../gmail/dom/compose';
import {
  isTemplateVariable,
  parseTemplate,
  type RenderContext,
  renderTemplate,
  renderToText,
  segmentsToText,
  TEMPLATE_VARIABLES,
  templateFromText,
} from './template-render';
import { TEMPLATE_LANGUAGES } from './templates';

// Intl date formatting makes each run costly: 100 runs keep the file to a few seconds.
const RUNS = { numRuns: 100 };

const HOSTILE = [
  '<img src=x onerror=alert(1)>',
  '<script>alert(1)</script>',
  '"><svg onload=alert(1)>',
  "Anna' onmouseover='x",
  '&lt;b&gt;bold&lt;/b&gt;',
  'javascript:alert(1)',
  '\u202eevil\u202c',
  'Zoë\u200b Müller',
  '{{customer.name}}',
  '}}{{',
  'Kowalska, <b>Anna</b>',
  '佐藤 美咲',
  'Смирнова Ольга Ивановна',
  '@',
];

const hostileText = fc.oneof(
  fc.constantFrom(...HOSTILE),
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.array(fc.constantFrom(...HOSTILE, ' ', '\n', 'Anna'), { maxLength: 4 }).map((parts) => parts.join('')),
);

/** Far enough apart to cross years and time-zone rules, never outside what Date can hold. */
const epochMs = fc.integer({ min: 0, max: Date.UTC(2100, 0, 1) });

const context: fc.Arbitrary<RenderContext> = fc.record(
  {
    language: fc.constantFrom(...TEMPLATE_LANGUAGES),
    timeZone: fc.constantFrom('UTC', 'Europe/Warsaw', 'Asia/Tokyo', 'America/Santiago', 'Asia/Kolkata'),
    now: epochMs,
    customer: fc.record({ displayName: hostileText }, { requiredKeys: [] }),
    ticket: fc.record({ reference: hostileText, promisedBy: epochMs }, { requiredKeys: [] }),
    agent: fc.record({ name: hostileText }, { requiredKeys: [] }),
    reply: fc.record({ expectedBy: epochMs }, { requiredKeys: [] }),
  },
  { requiredKeys: ['language', 'timeZone', 'now'] },
);

const variableName = fc.oneof(
  fc.constantFrom(...TEMPLATE_VARIABLES),
  fc.constantFrom('customer.frist', 'ticket', 'x', 'agent.name.extra', 'Today'),
  fc.stringMatching(/^[A-Za-z][\w.]{0,12}$/),
);

/** `{{ name }}` or `{{name | fallback}}`, spaced in any way. */
const placeholder = fc
  .tuple(
    variableName,
    fc.option(fc.string({ maxLength: 12 }).map((s) => s.replace(/[{}]/g, ''))),
    fc.constantFrom('', ' ', '  '),
  )
  .map(([name, fallback, space]) =>
    fallback === null ? `{{${space}${name}${space}}}` : `{{${space}${name}${space}|${fallback}}}`,
  );

/** A template: text, placeholders, and the broken pieces of placeholders, in any order. */
const template = fc
  .array(
    fc.oneof(
      placeholder,
      hostileText,
      fc.constantFrom('{{', '}}', '{', '}', '|', '{{}}', '{{ | x}}', '.', '\n', '\r\n'),
    ),
    { maxLength: 10 },
  )
  .map((parts) => parts.join(''));

afterEach(() => {
  document.body.innerHTML = '';
});

/** Generous: the machine running the suite may be busy, and a slow run is not a failed property. */
const PROPERTY_TIMEOUT_MS = 30_000;

describe('template renderer properties', () => {
  it(
    'never throws on any template and any values',
    () => {
      fc.assert(
        fc.property(template, context, (body, ctx) => {
          const result = renderTemplate(body, ctx);
          renderToText(body, ctx);
          templateFromText(segmentsToText(result.segments), ctx);
        }),
        RUNS,
      );
    },
    PROPERTY_TIMEOUT_MS,
  );

  it(
    'keeps every character of the template: text and placeholders as written reproduce it',
    () => {
      fc.assert(
        fc.property(template, context, (body, ctx) => {
          const asWritten = renderTemplate(body, ctx)
            .segments.map((s) => (s.kind === 'text' ? s.text : s.source))
            .join('');
          expect(asWritten).toBe(body);
          expect(
            parseTemplate(body)
              .map((p) => (p.kind === 'text' ? p.text : p.source))
              .join(''),
          ).toBe(body);
        }),
        RUNS,
      );
    },
    PROPERTY_TIMEOUT_MS,
  );

  it(
    'handles unknown and unfilled variables as documented',
    () => {
      fc.assert(
        fc.property(template, context, (body, ctx) => {
          const { segments, unknown, unfilled } = renderTemplate(body, ctx);
          const parts = parseTemplate(body).filter((p) => p.kind === 'placeholder');
          const variables = segments.filter((s) => s.kind === 'variable');
          expect(variables).toHaveLength(parts.length);
          // Every name that is not a template variable is reported once, and no known one is.
          expect(new Set(unknown)).toEqual(
            new Set(parts.filter((p) => !isTemplateVariable(p.name)).map((p) => p.name)),
          );
          expect(unknown).toHaveLength(new Set(unknown).size);
          for (const name of unfilled) expect(isTemplateVariable(name)).toBe(true);
          variables.forEach((segment, index) => {
            const part = parts[index];
            if (segment.kind !== 'variable' || part?.kind !== 'placeholder') throw new Error('misaligned');
            expect(segment.source).toBe(part.source);
            if (!isTemplateVariable(part.name)) {
              // An unknown variable never takes a value from the data: its fallback, or nothing.
              expect(segment.fromFallback || !segment.filled).toBe(true);
            }
            if (!segment.filled) {
              // Nothing to fill it with: no fallback, and the text keeps it as written for the send checks.
              expect(part.fallback).toBeUndefined();
              expect(segment.value).toBe('');
              if (isTemplateVariable(part.name)) expect(unfilled).toContain(part.name);
            } else if (segment.fromFallback) {
              expect(part.fallback?.startsWith(segment.value)).toBe(true);
            } else {
              // A value from the data is never empty, unless it was one full stop before the template's own.
              const next = segments[segments.indexOf(segment) + 1];
              expect(segment.value !== '' || (next?.kind === 'text' && next.text.startsWith('.'))).toBe(true);
            }
          });
          const text = renderToText(body, ctx);
          for (const segment of variables) {
            if (segment.kind === 'variable' && !segment.filled) expect(text).toContain(segment.source);
          }
        }),
        RUNS,
      );
    },
    PROPERTY_TIMEOUT_MS,
  );

  it(
    'puts a reply into Gmail’s compose box as text and line breaks only, whatever the values hold',
    () => {
      fc.assert(
        fc.property(template, context, (body, ctx) => {
          document.body.innerHTML =
            '<div class="M9"><div class="Ap"><div g_editable="true" contenteditable="true" role="textbox"></div></div></div>';
          const box = document.querySelector<HTMLElement>('[g_editable]');
          if (!box) throw new Error('no compose body');
          const text = renderToText(body, ctx);
          insertIntoCompose({ body: box, kind: 'inline' }, text);
          for (const element of box.querySelectorAll('*')) expect(element.tagName).toBe('BR');
          expect(box.textContent).toBe(text.replace(/\r\n?/g, '\n').replace(/\n/g, ''));
        }),
        RUNS,
      );
    },
    PROPERTY_TIMEOUT_MS,
  );
});
