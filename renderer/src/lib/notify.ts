import { notifications, notificationsStore, type NotificationData } from '@mantine/notifications';

/**
 * The app's one notice (issue 19: one at a time, beside the page, never over content). A new
 * notice replaces the one showing in place rather than queueing behind it (Mantine's limit
 * queues, so a second "Entry deleted" waited seconds for the first to close), and rather than
 * hiding it first, which left the leaving notice and the new one in the page together.
 */
const NOTICE_ID = 'hourkeep-notice';
const AUTO_CLOSE_MS = 5_000;
let replacements = 0;

export function notify(data: Omit<NotificationData, 'id'>): string {
  const { notifications: showing, queue } = notificationsStore.getState();
  const present = [...showing, ...queue].some((n) => n.id === NOTICE_ID);
  if (!present) return notifications.show({ autoClose: AUTO_CLOSE_MS, ...data, id: NOTICE_ID });
  // Mantine restarts a notice's timer only when its autoClose changes, so each replacement
  // differs by a millisecond: the new message gets its full time on screen.
  replacements += 1;
  const base =
    data.autoClose === false
      ? false
      : typeof data.autoClose === 'number'
        ? data.autoClose
        : AUTO_CLOSE_MS;
  notifications.update({
    // What the notice showing had and this one does not say is cleared, not carried over.
    title: undefined,
    loading: false,
    color: undefined,
    ...data,
    id: NOTICE_ID,
    autoClose: base === false ? false : base + (replacements % 2),
  });
  return NOTICE_ID;
}
