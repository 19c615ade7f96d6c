import { useEffect } from 'react';

/**
 * The app's keyboard shortcuts. Each one presses a button the screen marks with
 * data-shortcut="…", so a shortcut does exactly what the button does, is off where the button
 * is missing or disabled, and needs no second code path. Plain keys, as in mail clients: they
 * are ignored while typing in a field or while a dialog is open.
 */
export const SHORTCUTS = [
  { key: 'n', action: 'new-entry', label: 'Log hours (new entry)', where: 'Hours' },
  { key: '[', action: 'previous-week', label: 'Previous week', where: 'Hours' },
  { key: ']', action: 'next-week', label: 'Next week', where: 'Hours' },
  { key: 's', action: 'submit-week', label: 'Submit the week', where: 'Hours' },
  { key: '?', action: 'help', label: 'Show keyboard shortcuts', where: 'Anywhere' },
] as const;

/** Shown in the help dialog; handled by main's menu and useActivityAndLockShortcut. */
export const OTHER_SHORTCUTS = [{ keys: 'Ctrl+L', label: 'Lock Hourkeep', where: 'Anywhere' }];

function typing(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return (
    target.isContentEditable ||
    target.closest('input, textarea, select, [role="combobox"], [role="listbox"]') !== null
  );
}

/** Listens for the shortcuts; `onHelp` opens the list. */
export function useShortcuts(onHelp: () => void) {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey || e.defaultPrevented || typing(e.target)) return;
      if (document.querySelector('[role="dialog"]')) return;
      const shortcut = SHORTCUTS.find((s) => s.key === e.key.toLowerCase() || s.key === e.key);
      if (!shortcut) return;
      if (shortcut.action === 'help') {
        e.preventDefault();
        onHelp();
        return;
      }
      const button = document.querySelector<HTMLButtonElement>(
        `[data-shortcut="${shortcut.action}"]`,
      );
      if (!button || button.disabled || button.dataset.disabled === 'true') return;
      e.preventDefault();
      // Focused first, so a dialog it opens gives the focus back to it.
      button.focus();
      button.click();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onHelp]);
}

/**
 * Where focus goes when what had it disappeared (a dialog closed over a control that re-rendered,
 * a saved or deleted row): the screen's marked home control when it has one
 * (data-focus-home), else the page's heading. Never the page body.
 */
export function focusHome() {
  const home =
    document.querySelector<HTMLElement>('[data-focus-home]:not([disabled])') ??
    document.querySelector<HTMLElement>('#main-content h1');
  if (!home) return;
  if (home.tagName === 'H1') home.tabIndex = -1;
  home.focus();
}

/**
 * Watches for focus falling to the body because what had it went away (a dialog closed, a row
 * re-rendered or was deleted) and moves it home. A click on the page's background, which also
 * leaves focus on the body, is left alone.
 */
export function useFocusNeverLost() {
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let last: Element | null = null;
    // The control focused when a dialog took the focus: it gets it back when the dialog goes
    // (dialogs mounted only while open unmount without Mantine's own return of focus).
    let opener: HTMLElement | null = null;
    const lostFrom = (from: Element | null) =>
      from !== null && (!from.isConnected || from.closest('[role="dialog"]') !== null);
    const check = (from: Element | null) => {
      clearTimeout(timer);
      // After Mantine's own return of focus (on close) has had its turn.
      timer = setTimeout(() => {
        const active = document.activeElement;
        if (active !== null && active !== document.body && active.isConnected) return;
        if (!lostFrom(from) || document.querySelector('[role="dialog"]')) return;
        if (opener?.isConnected && !opener.closest('[role="dialog"]')) opener.focus();
        else focusHome();
        opener = null;
      }, 150);
    };
    const onFocusIn = (e: FocusEvent) => {
      const target = e.target instanceof Element ? e.target : null;
      const intoDialog = target?.closest('[role="dialog"]') != null;
      if (intoDialog && last instanceof HTMLElement && !last.closest('[role="dialog"]'))
        opener = last;
      last = target;
    };
    const onFocusOut = (e: FocusEvent) => {
      if (e.relatedTarget === null) check(e.target instanceof Element ? e.target : null);
    };
    document.addEventListener('focusin', onFocusIn);
    document.addEventListener('focusout', onFocusOut);
    // A focused element removed from the page (a deleted row, a closed dialog) fires no
    // focusout in Chromium: watch the page for removals while the body has the focus.
    const observer = new MutationObserver(() => {
      if (document.activeElement === document.body && lostFrom(last)) check(last);
    });
    observer.observe(document.body, { childList: true, subtree: true });
    return () => {
      clearTimeout(timer);
      observer.disconnect();
      document.removeEventListener('focusin', onFocusIn);
      document.removeEventListener('focusout', onFocusOut);
    };
  }, []);
}
