/// <reference lib="dom" />
import type { Page } from '@playwright/test';
import { expect } from './fixtures.js';

/**
 * An accessibility check run in the page, for the rules axe-core reports as critical or serious
 * that the app's screens can break: controls without a name (button-name, link-name, label),
 * text contrast below WCAG AA (color-contrast), and more than one banner landmark (axe's
 * landmark-no-duplicate-banner, moderate, which the dialogs used to break).
 *
 * The `axe-core` package is not installed on this workstation (node_modules has no axe-core,
 * and this suite installs nothing), so the rules are written out here, following axe's
 * definitions; swap in `axe-core` by injecting axe.min.js and calling axe.run when it is added.
 */
export interface Violation {
  rule: 'button-name' | 'link-name' | 'label' | 'color-contrast' | 'duplicate-banner';
  target: string;
  detail: string;
}

export async function findViolations(page: Page): Promise<Violation[]> {
  return page.evaluate(() => {
    const out: { rule: string; target: string; detail: string }[] = [];
    const describe = (el: Element) => {
      const id = el.id ? `#${el.id}` : '';
      const cls =
        typeof el.className === 'string'
          ? `.${el.className.trim().split(/\s+/).slice(0, 2).join('.')}`
          : '';
      const text = (el.textContent ?? '').trim().slice(0, 40);
      return `${el.tagName.toLowerCase()}${id}${cls === '.' ? '' : cls} "${text}"`;
    };
    const hidden = (el: Element): boolean => {
      if (el.closest('[aria-hidden="true"], [inert]')) return true;
      const r = el.getBoundingClientRect();
      if (r.width === 0 && r.height === 0) return true;
      const s = getComputedStyle(el);
      return s.visibility === 'hidden' || s.display === 'none';
    };
    const textOf = (el: Element): string => {
      let t = '';
      el.childNodes.forEach((n) => {
        if (n.nodeType === Node.TEXT_NODE) t += n.textContent ?? '';
        else if (n instanceof Element) {
          if (n.getAttribute('aria-hidden') === 'true') return;
          if (n.tagName === 'IMG') t += n.getAttribute('alt') ?? '';
          else t += n.getAttribute('aria-label') ?? textOf(n);
        }
      });
      return t;
    };
    const name = (el: Element): string => {
      const labelledby = el.getAttribute('aria-labelledby');
      if (labelledby)
        return labelledby
          .split(/\s+/)
          .map((id) => document.getElementById(id)?.textContent ?? '')
          .join(' ')
          .trim();
      const label = el.getAttribute('aria-label');
      if (label?.trim()) return label.trim();
      if (
        el instanceof HTMLInputElement ||
        el instanceof HTMLSelectElement ||
        el instanceof HTMLTextAreaElement
      ) {
        const viaLabel = [...(el.labels ?? [])]
          .map((l) => l.textContent ?? '')
          .join(' ')
          .trim();
        if (viaLabel) return viaLabel;
        if (el instanceof HTMLInputElement && ['button', 'submit', 'reset'].includes(el.type))
          return el.value;
        return (el.getAttribute('placeholder') ?? el.getAttribute('title') ?? '').trim();
      }
      return (textOf(el).trim() || el.getAttribute('title') || '').trim();
    };

    for (const el of document.querySelectorAll(
      'button, [role="button"], [role="menuitem"], [role="tab"]',
    )) {
      if (!hidden(el) && !name(el))
        out.push({ rule: 'button-name', target: describe(el), detail: 'no accessible name' });
    }
    for (const el of document.querySelectorAll('a[href], [role="link"]')) {
      if (!hidden(el) && !name(el))
        out.push({ rule: 'link-name', target: describe(el), detail: 'no accessible name' });
    }
    for (const el of document.querySelectorAll('input, select, textarea')) {
      if (
        el instanceof HTMLInputElement &&
        ['hidden', 'button', 'submit', 'reset'].includes(el.type)
      )
        continue;
      if (!hidden(el) && !name(el))
        out.push({ rule: 'label', target: describe(el), detail: 'form field without a label' });
    }

    // Banner landmarks: <header> outside article/aside/main/nav/section (and dialogs, which
    // Chromium also exempts), or role="banner".
    const banners = [...document.querySelectorAll('header, [role="banner"]')].filter(
      (el) =>
        !hidden(el) &&
        (el.getAttribute('role') === 'banner' ||
          (!el.hasAttribute('role') &&
            !el.parentElement?.closest('article, aside, main, nav, section, [role="dialog"]'))),
    );
    if (banners.length > 1)
      out.push({
        rule: 'duplicate-banner',
        target: banners.map(describe).join(' | '),
        detail: `${banners.length} banners`,
      });

    // Contrast of every visible piece of text against the background it sits on.
    type Rgba = [number, number, number, number];
    const parse = (c: string): Rgba | null => {
      const m = c.match(/rgba?\(([^)]+)\)/);
      if (!m) return null;
      const [r = 0, g = 0, b = 0, a = 1] = (m[1] ?? '')
        .split(/[\s,/]+/)
        .filter(Boolean)
        .map(Number);
      return [r, g, b, a];
    };
    const over = (top: Rgba, under: Rgba): Rgba => {
      const a = top[3];
      return [
        top[0] * a + under[0] * (1 - a),
        top[1] * a + under[1] * (1 - a),
        top[2] * a + under[2] * (1 - a),
        1,
      ];
    };
    const lum = (c: Rgba) => {
      const f = (v: number) => {
        const x = v / 255;
        return x <= 0.03928 ? x / 12.92 : ((x + 0.055) / 1.055) ** 2.4;
      };
      return 0.2126 * f(c[0]) + 0.7152 * f(c[1]) + 0.0722 * f(c[2]);
    };
    const background = (el: Element): Rgba | null => {
      const layers: Rgba[] = [];
      for (let e: Element | null = el; e; e = e.parentElement) {
        const s = getComputedStyle(e);
        if (
          s.backgroundImage !== 'none' &&
          !s.backgroundImage.startsWith('linear-gradient(rgba(0, 0, 0, 0)')
        )
          return null;
        const bg = parse(s.backgroundColor);
        if (bg && bg[3] > 0) {
          layers.push(bg);
          if (bg[3] >= 1) break;
        }
      }
      let result: Rgba = [255, 255, 255, 1];
      for (const layer of layers.reverse()) result = over(layer, result);
      return result;
    };
    const seen = new Set<Element>();
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement;
      if (!el || seen.has(el) || !(n.textContent ?? '').trim()) continue;
      seen.add(el);
      if (
        hidden(el) ||
        el.closest('.visually-hidden, [disabled], [data-disabled], [aria-disabled="true"], svg')
      )
        continue;
      const s = getComputedStyle(el);
      if (s.clip === 'rect(0px, 0px, 0px, 0px)') continue;
      const bg = background(el);
      const fg0 = parse(s.color);
      if (!bg || !fg0) continue;
      let opacity = 1;
      for (let e: Element | null = el; e; e = e.parentElement)
        opacity *= Number(getComputedStyle(e).opacity);
      const fg = over([fg0[0], fg0[1], fg0[2], fg0[3] * opacity], bg);
      const [a, b] = [lum(fg), lum(bg)];
      const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
      const size = parseFloat(s.fontSize);
      const bold = Number(s.fontWeight) >= 700;
      const need = size >= 24 || (bold && size >= 18.66) ? 3 : 4.5;
      if (ratio < need - 0.005)
        out.push({
          rule: 'color-contrast',
          target: describe(el),
          detail: `${ratio.toFixed(2)}:1 (${s.color} on rgb(${bg.slice(0, 3).map(Math.round).join(', ')}))`,
        });
    }
    return out as never;
  });
}

/** Fails the test with the list when the page in its current state breaks a rule. */
export async function expectAccessible(page: Page, state: string) {
  // Let transitions and fonts settle, so the colours read are the final ones.
  await page.waitForTimeout(150);
  const violations = await findViolations(page);
  expect(violations, `accessibility violations on ${state}`).toEqual([]);
}
