import { describe, expect, it } from 'vitest';
import { ApiError } from './errors';
import { isReservedName, LABEL_COLOR_PALETTE, validLabelColor, validLabelName } from './labels';

describe('label rules', () => {
  it('trims names and keeps nesting', () => {
    expect(validLabelName('  Helpdesk/Status/Open ')).toBe('Helpdesk/Status/Open');
  });

  it.each(['', 'a//b', '/a', 'a/', 'INBOX', 'inbox', 'Sent', 'CATEGORY_FORUMS'])('refuses %j', (name) => {
    expect(() => validLabelName(name)).toThrow(ApiError);
  });

  it('knows the reserved names regardless of case', () => {
    expect(isReservedName('sPaM')).toBe(true);
    expect(isReservedName('Spam reports')).toBe(false);
  });

  it('accepts palette colours and refuses others or half a colour', () => {
    expect(LABEL_COLOR_PALETTE.size).toBeGreaterThan(90);
    expect(validLabelColor({ textColor: '#FFFFFF', backgroundColor: '#16a766' })).toEqual({
      textColor: '#ffffff',
      backgroundColor: '#16a766',
    });
    expect(() => validLabelColor({ textColor: '#ffffff', backgroundColor: '#123456' })).toThrow(ApiError);
    expect(() => validLabelColor({ textColor: '#ffffff' })).toThrow(ApiError);
  });
});
