/**
 * Partial responses with `fields=`: https://developers.google.com/gmail/api/guides/performance#partial
 * Syntax: comma-separated paths, `a/b` for a sub-field, `a(b,c)` for several sub-fields of each item.
 */
import { badRequest } from './errors';

export interface FieldMask {
  [field: string]: FieldMask | true;
}

export function parseFieldMask(spec: string): FieldMask {
  let position = 0;
  const parseList = (closing: string | undefined): FieldMask => {
    const mask: FieldMask = {};
    for (;;) {
      const start = position;
      while (position < spec.length && !',()'.includes(spec[position] ?? '')) position++;
      const path = spec.slice(start, position).trim();
      if (!path) throw badRequest(`Invalid field selection ${spec}`);
      let leaf: FieldMask | true = true;
      if (spec[position] === '(') {
        position++;
        leaf = parseList(')');
      }
      const names = path.split('/').map((n) => n.trim());
      if (names.some((n) => !n)) throw badRequest(`Invalid field selection ${spec}`);
      let target = mask;
      names.forEach((name, index) => {
        if (index === names.length - 1) {
          const existing = target[name];
          target[name] = existing && existing !== true && leaf !== true ? { ...existing, ...leaf } : leaf;
        } else {
          const next = target[name];
          if (next === true) return;
          target[name] = next ?? {};
          target = target[name] as FieldMask;
        }
      });
      if (spec[position] === ',') {
        position++;
        continue;
      }
      if (closing) {
        if (spec[position] !== closing) throw badRequest(`Invalid field selection ${spec}`);
        position++;
      } else if (position < spec.length) {
        throw badRequest(`Invalid field selection ${spec}`);
      }
      return mask;
    }
  };
  return parseList(undefined);
}

export function applyFieldMask(value: unknown, mask: FieldMask): unknown {
  if (Array.isArray(value)) return value.map((item) => applyFieldMask(item, mask));
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [name, sub] of Object.entries(mask)) {
    if (!(name in value)) continue;
    const field = (value as Record<string, unknown>)[name];
    out[name] = sub === true ? field : applyFieldMask(field, sub);
  }
  return out;
}
