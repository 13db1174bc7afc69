import { describe, expect, it } from 'vitest';
import { addressLine, mailHref, nameIn, telHref, webHref, webLabel } from './catalogue-format.ts';

describe('catalogue formatting', () => {
  it('names a codelist item in English only where the codelist has English', () => {
    const item = { name: 'senioři', nameEn: 'older people' };
    expect(nameIn(item, 'en')).toBe('older people');
    expect(nameIn(item, 'cs')).toBe('senioři');
    expect(nameIn({ name: 'senioři', nameEn: null }, 'en')).toBe('senioři');
  });

  it('writes an address as one line, skipping missing parts', () => {
    const address = {
      street: 'Moskevská',
      houseNumber: '123',
      orientationNumber: '4',
      postcode: '460 01',
      municipalityCode: '563889',
      municipalityName: 'Liberec',
      addressPointCode: null,
    };
    expect(addressLine(address)).toBe('Moskevská 123/4, 460 01 Liberec');
    expect(addressLine({ ...address, street: null, orientationNumber: null })).toBe(
      '123, 460 01 Liberec',
    );
  });

  it('dials a phone number as written in the registry, the first of several', () => {
    expect(telHref('+420 485 123 456')).toBe('tel:+420485123456');
    expect(telHref('485/123 456, 777 000 111')).toBe('tel:485123456');
    expect(telHref('neuvedeno')).toBeNull();
  });

  it('mails only a plausible address', () => {
    expect(mailHref('info@example.org')).toBe('mailto:info@example.org');
    expect(mailHref('info@example.org; jiny@example.org')).toBe('mailto:info@example.org');
    expect(mailHref('info(at)example.org')).toBeNull();
  });

  it('links http(s) web addresses only, adding https to a bare domain', () => {
    expect(webHref('www.example.org')).toBe('https://www.example.org/');
    expect(webHref('http://example.org/sluzby')).toBe('http://example.org/sluzby');
    expect(webHref('javascript:alert(1)')).toBeNull();
    expect(webHref('není')).toBeNull();
    expect(webLabel('https://www.example.org/')).toBe('www.example.org');
  });
});
