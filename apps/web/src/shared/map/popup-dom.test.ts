import { describe, expect, it, vi } from 'vitest';
import { routerLink, textElement } from './popup-dom.ts';

describe('map popup DOM', () => {
  it('keeps a name with markup as text', () => {
    const node = textElement('strong', '<img src=x onerror=alert(1)>', 'muted');
    expect(node.textContent).toBe('<img src=x onerror=alert(1)>');
    expect(node.children).toHaveLength(0);
    expect(node.className).toBe('muted');
  });

  it('hands a plain click to the router and leaves a Ctrl-click to the browser', () => {
    const open = vi.fn();
    const link = routerLink('Otevřít', '/services/1', open);
    expect(link.getAttribute('href')).toBe('/services/1');
    const plain = new MouseEvent('click', { cancelable: true });
    link.dispatchEvent(plain);
    expect(open).toHaveBeenCalledTimes(1);
    expect(plain.defaultPrevented).toBe(true);
    const newTab = new MouseEvent('click', { cancelable: true, ctrlKey: true });
    link.dispatchEvent(newTab);
    expect(open).toHaveBeenCalledTimes(1);
    expect(newTab.defaultPrevented).toBe(false);
  });
});
