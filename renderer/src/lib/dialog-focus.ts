/**
 * Mantine's focus trap gives a dialog its first focus one timer tick after it mounts, to the
 * element marked `data-autofocus`. On a busy machine that tick can come after the person has
 * already clicked or tabbed into another field, and it would pull them back mid-word: what they
 * type lands in the wrong field. Moving the marker to wherever focus goes inside a dialog makes
 * that late call focus the element they are already in, which changes nothing.
 */
export function keepDialogFocusWherePersonPutIt(doc: Document): void {
  doc.addEventListener('focusin', (event) => {
    const target = event.target;
    if (!(target instanceof HTMLElement)) return;
    const dialog = target.closest('[role="dialog"]');
    if (!dialog || target === dialog) return;
    for (const marked of dialog.querySelectorAll('[data-autofocus]')) {
      if (marked !== target) marked.removeAttribute('data-autofocus');
    }
    target.setAttribute('data-autofocus', '');
  });
}
