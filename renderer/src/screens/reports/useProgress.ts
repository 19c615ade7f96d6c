import { useEffect, useState } from 'react';

export interface ProgressState {
  task: string;
  done: number;
  total: number;
}

/**
 * Main's progress events for the given tasks while `active`; null otherwise. Main throttles
 * them, so every one can be rendered.
 */
export function useProgress(tasks: readonly string[], active: boolean): ProgressState | null {
  const [state, setState] = useState<ProgressState | null>(null);
  const key = tasks.join('|');
  useEffect(() => {
    if (!active) return;
    const wanted = key.split('|');
    const off = window.hourkeep?.onEvent((event) => {
      if (event.type === 'progress' && wanted.includes(event.task)) {
        setState({ task: event.task, done: event.done, total: event.total });
      }
    });
    // The next run starts from an empty bar, not the last one's final figure.
    return () => {
      off?.();
      setState(null);
    };
  }, [key, active]);
  return active ? state : null;
}

export const percent = (p: ProgressState | null) =>
  p && p.total > 0 ? Math.min(100, Math.round((p.done / p.total) * 100)) : 0;
