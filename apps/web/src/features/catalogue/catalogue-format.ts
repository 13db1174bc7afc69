import type { Address, PublicCodeName } from '@socplan/contracts';

/** A codelist item's name in the page's language (English where the codelist has it). */
export const nameIn = (item: Pick<PublicCodeName, 'name' | 'nameEn'>, locale: string): string =>
  (locale === 'en' && item.nameEn) || item.name;

/** "Moskevská 123/4, 460 01 Liberec" from the parts the registry has. */
export function addressLine(address: Address): string {
  const number = [address.houseNumber, address.orientationNumber].filter(Boolean).join('/');
  const street = [address.street, number].filter(Boolean).join(' ');
  const place = [address.postcode, address.municipalityName].filter(Boolean).join(' ');
  return [street, place].filter(Boolean).join(', ');
}

/**
 * A `tel:` link for a phone number as the registry spells it ("+420 485 123 456", "485/123 456"):
 * only digits and a leading plus remain. Null when no number is left (so no dead link).
 */
export function telHref(phone: string): string | null {
  const first = phone.split(/[,;]/)[0] ?? '';
  const digits = first.replace(/(?!^\+)[^\d]/g, '');
  return digits.replace('+', '').length >= 6 ? `tel:${digits}` : null;
}

/** A `mailto:` link when the text is one plausible address. */
export function mailHref(email: string): string | null {
  const address = email.split(/[,;\s]/).find(Boolean) ?? '';
  return /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(address) ? `mailto:${address}` : null;
}

/**
 * A web address as a safe link: http(s) only (never `javascript:`), a bare domain gets https.
 * Null when it is no address at all.
 */
export function webHref(web: string): string | null {
  const text = web.trim();
  const candidate = /^[a-z][a-z0-9+.-]*:/i.test(text) ? text : `https://${text}`;
  try {
    const url = new URL(candidate);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname.includes('.')
      ? url.href
      : null;
  } catch {
    return null;
  }
}

/** The web address as shown: without the protocol and a trailing slash. */
export const webLabel = (href: string): string =>
  href.replace(/^https?:\/\//, '').replace(/\/$/, '');
