/**
 * Map popups are built as DOM, never as HTML strings: the names in them come from registries
 * and users.
 */

/** An element holding `text` as text. */
export function textElement(tag: string, text: string, className?: string): HTMLElement {
  const node = document.createElement(tag);
  node.textContent = text;
  if (className) node.className = className;
  return node;
}

/**
 * A link to `href` that a plain click hands to `open` (the SPA's router), while a click with
 * Ctrl, Cmd or Shift keeps the browser's own behaviour (a new tab or window).
 */
export function routerLink(text: string, href: string, open: () => void): HTMLAnchorElement {
  const link = textElement('a', text) as HTMLAnchorElement;
  link.href = href;
  link.addEventListener('click', (event) => {
    if (event.ctrlKey || event.metaKey || event.shiftKey) return;
    event.preventDefault();
    open();
  });
  return link;
}
