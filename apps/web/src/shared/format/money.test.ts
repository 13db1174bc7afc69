import { describe, expect, it } from 'vitest';
import {
  formatDecimal,
  formatMoney,
  formatPercent,
  moneyInputText,
  parseMoneyInput,
  parsePercentInput,
} from './money.ts';

/** Non-breaking spaces shown as plain ones, to keep the expectations readable. */
const plain = (text: string) => text.replace(/\u00a0/g, ' ');

describe('formatMoney', () => {
  it('writes Czech amounts with grouped thousands, a decimal comma and Kč', () => {
    expect(plain(formatMoney('1234567.89'))).toBe('1 234 567,89 Kč');
    expect(plain(formatMoney('612345.00'))).toBe('612 345,00 Kč');
    expect(plain(formatMoney('999.99'))).toBe('999,99 Kč');
    expect(plain(formatMoney('0.00'))).toBe('0,00 Kč');
    expect(plain(formatMoney('1000.00'))).toBe('1 000,00 Kč');
  });

  it('keeps every digit of amounts beyond the precision of a float', () => {
    // 2^53 + 1 haléř: a float would print …992,00 or …993,00
    expect(plain(formatMoney('90071992547409.93'))).toBe('90 071 992 547 409,93 Kč');
    expect(plain(formatMoney('0.10'))).toBe('0,10 Kč');
    expect(plain(formatMoney('0.30'))).toBe('0,30 Kč');
  });

  it('uses non-breaking spaces, so an amount never wraps', () => {
    expect(formatMoney('1234.50')).toBe('1\u00a0234,50\u00a0Kč');
  });

  it('writes negative amounts with a minus sign and differences with a plus', () => {
    expect(plain(formatMoney('-1200.50'))).toBe('−1 200,50 Kč');
    expect(plain(formatMoney('1200.50', 'cs', { signed: true }))).toBe('+1 200,50 Kč');
    expect(plain(formatMoney('0.00', 'cs', { signed: true }))).toBe('0,00 Kč');
    expect(plain(formatMoney('-0.00'))).toBe('0,00 Kč');
  });

  it('writes English amounts as CZK with commas and a decimal point', () => {
    expect(plain(formatMoney('1234567.89', 'en'))).toBe('CZK 1,234,567.89');
    expect(plain(formatMoney('-5.00', 'en'))).toBe('−CZK 5.00');
  });

  it('can leave out zero haléř, and returns what it cannot read unchanged', () => {
    expect(plain(formatMoney('1500000.00', 'cs', { wholeCrowns: true }))).toBe('1 500 000 Kč');
    expect(plain(formatMoney('1500000.50', 'cs', { wholeCrowns: true }))).toBe('1 500 000,50 Kč');
    expect(formatMoney('n/a')).toBe('n/a');
    expect(formatMoney('1.234')).toBe('1.234');
  });
});

describe('formatPercent', () => {
  it('drops zero decimals and writes the Czech percent sign after a space', () => {
    expect(plain(formatPercent('15.00'))).toBe('15 %');
    expect(plain(formatPercent('33.33'))).toBe('33,33 %');
    expect(plain(formatPercent('12.50'))).toBe('12,5 %');
    expect(formatPercent('12.50', 'en')).toBe('12.5%');
  });
});

describe('formatDecimal', () => {
  it('writes quantities such as FTE with their decimals in the UI’s notation', () => {
    expect(formatDecimal('4.80')).toBe('4,80');
    expect(plain(formatDecimal('1234.5'))).toBe('1 234,5');
    expect(formatDecimal('1234.50', 'en')).toBe('1,234.50');
    expect(formatDecimal('12')).toBe('12');
  });
});

describe('amount input', () => {
  it('reads Czech and English notation into the API’s decimal strings', () => {
    expect(parseMoneyInput('612 345,5')).toBe('612345.50');
    expect(parseMoneyInput('612\u00a0345 Kč')).toBe('612345.00');
    expect(parseMoneyInput('0,05')).toBe('0.05');
    expect(parseMoneyInput('1,234,567.89', 'en')).toBe('1234567.89');
  });

  it('refuses what is not an amount of at most two decimals', () => {
    expect(parseMoneyInput('')).toBeNull();
    expect(parseMoneyInput('12,345')).toBeNull();
    expect(parseMoneyInput('-5')).toBeNull();
    expect(parseMoneyInput('abc')).toBeNull();
    expect(parseMoneyInput('12345678901234')).toBeNull();
  });

  it('reads percentages between 0 and 100', () => {
    expect(parsePercentInput('33,3')).toBe('33.30');
    expect(parsePercentInput('100')).toBe('100.00');
    expect(parsePercentInput('100,01')).toBeNull();
    expect(parsePercentInput('7 %')).toBe('7.00');
  });

  it('turns an amount back into editable text', () => {
    expect(moneyInputText('612345.50')).toBe('612345,50');
    expect(moneyInputText('612345.50', 'en')).toBe('612345.50');
  });
});

describe('formatMoney against Intl', () => {
  it('agrees with Intl.NumberFormat reading the same decimal strings exactly', () => {
    const intl = new Intl.NumberFormat('cs-CZ', { style: 'currency', currency: 'CZK' });
    let seed = 42;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31);
    for (let i = 0; i < 500; i++) {
      const whole = String(next()).slice(0, 1 + (next() % 10));
      const amount = `${whole}.${String(next() % 100).padStart(2, '0')}`;
      // Intl formats a string operand as an exact decimal (no float in between).
      expect(formatMoney(amount), amount).toBe(
        intl.format(amount as unknown as number).replace(/\u202f/g, '\u00a0'),
      );
    }
  });
});
