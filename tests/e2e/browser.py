"""Playwright helpers shared by the browser tests (not a test module: tests import from here and
from tests/factories.py, never from one another)."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect


def open_page(page: Page, url: str) -> None:
    """Loads a page and waits until its state has arrived, so that what the test types next is
    not lost to the first render of that state."""
    page.goto(url)
    expect(page.locator("#page-ready")).to_be_attached()


def sign_in(page: Page, base_url: str, email: str, password: str) -> None:
    """Fills in and submits the sign-in form; asserts nothing about the outcome."""
    open_page(page, f"{base_url}/sign-in")
    page.locator("#field-email").fill(email)
    page.locator("#field-password").fill(password)
    page.locator("#submit-sign-in").click()


def signed_in(page: Page, base_url: str, user) -> None:
    """Signs `user` ({"email", "password"}) in and waits for the dashboard."""
    sign_in(page, base_url, user["email"], user["password"])
    expect(page).to_have_url(re.compile(r"/dashboard/?$"))


def settle_page(page: Page, url: str, *, signed_in: bool = False) -> None:
    """Opens a page and waits for its main content: its state, no loading placeholder and, when
    signed in, the header's balance (which arrives just after)."""
    open_page(page, url)
    expect(page.locator("#page-loading")).to_have_count(0)
    if signed_in:
        expect(page.locator("#wallet")).to_be_visible()
    page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")


# What sticks out of the window: the document's own sideways scroll, and (at phone width) each
# visible element whose right edge passes the window's, unless a box around it scrolls sideways
# and shows it (a native scrollbar, or a `data-scroll-hint` shadow); a box that hides its
# scrollbar or clips cuts content off with no hint, which is what this looks for.
_OVERFLOW_JS = """
(checkElements) => {
  const width = window.innerWidth;
  const out = [];
  const docWidth = document.documentElement.scrollWidth;
  if (docWidth > width) out.push(`document scrolls sideways (${docWidth} > ${width})`);
  if (!checkElements) return out;
  const name = (el) => {
    let text = el.tagName.toLowerCase();
    if (el.id) text += '#' + el.id;
    const cls = (el.getAttribute('class') || '').split(/\\s+/)
      .filter(c => c && !c.startsWith('rt-r-'));
    if (cls.length) text += '.' + cls.slice(0, 2).join('.');
    const words = (el.innerText || '').trim().replace(/\\s+/g, ' ').slice(0, 30);
    return words ? `${text} "${words}"` : text;
  };
  const shownByScroller = (el) => {
    for (let box = el.parentElement; box; box = box.parentElement) {
      const style = getComputedStyle(box);
      if (style.overflowX === 'visible') continue;
      if (box.getBoundingClientRect().right > width + 1) continue;  // it sticks out itself
      const scrolls = (style.overflowX === 'auto' || style.overflowX === 'scroll');
      const scrollbar = box.offsetHeight - box.clientHeight > 4 && style.scrollbarWidth !== 'none';
      return scrolls && (scrollbar || box.closest('[data-scroll-hint]') !== null);
    }
    return false;
  };
  const seen = new Set();
  for (const el of document.body.querySelectorAll('*')) {
    const rect = el.getBoundingClientRect();
    if (rect.width === 0 || rect.height === 0 || rect.right <= width + 1) continue;
    const style = getComputedStyle(el);
    if (style.visibility === 'hidden' || style.position === 'fixed') continue;
    if (shownByScroller(el)) continue;
    if (el.parentElement && seen.has(el.parentElement)) { seen.add(el); continue; }
    seen.add(el);
    out.push(`${name(el)} ends at ${Math.round(rect.right)}px`);
  }
  return out;
}
"""


def overflow_report(page: Page, *, check_elements: bool) -> str:
    """'' when the page fits the window; else what sticks out (the outermost elements, up to 5)."""
    found = page.evaluate(_OVERFLOW_JS, check_elements)
    more = f" (+{len(found) - 5} more)" if len(found) > 5 else ""
    return "; ".join(found[:5]) + more


def shows(page: Page, selector: str) -> bool:
    """Whether the first element matching `selector` is there to be seen: it has a size and no
    box around it that clips (overflow other than visible) cuts it off entirely."""
    return page.evaluate(
        """(selector) => {
          const el = document.querySelector(selector);
          if (!el) return false;
          const rect = el.getBoundingClientRect();
          if (rect.width === 0 || rect.height === 0) return false;
          for (let box = el.parentElement; box; box = box.parentElement) {
            if (getComputedStyle(box).overflow === 'visible') continue;
            const clip = box.getBoundingClientRect();
            if (clip.bottom <= rect.top || clip.top >= rect.bottom) return false;
            if (clip.right <= rect.left || clip.left >= rect.right) return false;
          }
          return true;
        }""",
        selector,
    )
