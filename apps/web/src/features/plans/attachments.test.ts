import { describe, expect, it } from 'vitest';
import { fileNameOf, formatSize, isWebUrl } from './attachments.ts';

describe('fileNameOf', () => {
  it('prefers the UTF-8 name over the ASCII fallback', () => {
    const header = `attachment; filename="Usneseni zastupitelstva.pdf"; filename*=UTF-8''${encodeURIComponent('Usnesení zastupitelstva.pdf')}`;
    expect(fileNameOf(header, 'x')).toBe('Usnesení zastupitelstva.pdf');
  });

  it('reads a quoted or a bare filename with escapes', () => {
    expect(fileNameOf('attachment; filename="plan \\"2026\\".pdf"', 'x')).toBe('plan "2026".pdf');
    expect(fileNameOf('attachment; filename=plan.pdf', 'x')).toBe('plan.pdf');
  });

  it('falls back to the plain name when filename* is malformed or not UTF-8', () => {
    expect(fileNameOf(`attachment; filename="a.pdf"; filename*=UTF-8''%E0%A4%A`, 'x')).toBe(
      'a.pdf',
    );
    expect(fileNameOf(`attachment; filename="a.pdf"; filename*=iso-8859-1''%E1.pdf`, 'x')).toBe(
      'a.pdf',
    );
  });

  it('uses the fallback when the header names no file', () => {
    expect(fileNameOf(null, 'Plán.pdf')).toBe('Plán.pdf');
    expect(fileNameOf('attachment', 'Plán.pdf')).toBe('Plán.pdf');
    expect(fileNameOf('attachment; filename=""', 'Plán.pdf')).toBe('Plán.pdf');
  });
});

describe('formatSize', () => {
  it('scales to decimal units with one decimal below ten', () => {
    expect(formatSize(820, 'en')).toBe('820 B');
    expect(formatSize(1500, 'en')).toBe('1.5 kB');
    expect(formatSize(12_400_000, 'en')).toBe('12 MB');
    expect(formatSize(1500, 'cs')).toBe('1,5 kB');
    expect(formatSize(3_000_000_000_000, 'en')).toBe('3,000 GB');
  });
});

describe('isWebUrl', () => {
  it('takes http and https addresses only', () => {
    expect(isWebUrl('https://www.kraj-lbc.cz/usneseni')).toBe(true);
    expect(isWebUrl(' HTTP://example.org ')).toBe(true);
    expect(isWebUrl('ftp://example.org')).toBe(false);
    expect(isWebUrl('javascript:alert(1)')).toBe(false);
    expect(isWebUrl('https://exa mple.org')).toBe(false);
  });
});
