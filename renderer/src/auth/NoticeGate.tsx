import { useEffect, useState, type ReactNode } from 'react';
import type { NoticeStatus } from '../../../shared/domain/privacy/notice';
import type { AuthStatus } from '../../../shared/domain/records';
import { api, errorMessage } from '../api/client';
import { AuthWaiting } from './AuthLayout';
import { NoticeAcknowledgement } from './NoticeAcknowledgement';

/**
 * Holds the app back until the signed-in user has acknowledged the current privacy notice.
 * Asked afresh whenever the app is entered (sign-in, unlock, another user), never cached.
 */
export function NoticeGate(props: { status: AuthStatus; children: ReactNode }) {
  const userId = props.status.user?.id ?? null;
  const [answer, setAnswer] = useState<{ userId: number | null; notice: NoticeStatus } | null>(
    null,
  );
  const [error, setError] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let live = true;
    api.call('privacy.notice.status', {}).then(
      (notice) => {
        if (live) {
          setError(null);
          setAnswer({ userId, notice });
        }
      },
      (err: unknown) => live && setError(errorMessage(err)),
    );
    return () => {
      live = false;
    };
  }, [userId, attempt]);

  if (answer === null || answer.userId !== userId) {
    return <AuthWaiting error={error} onRetry={() => setAttempt((n) => n + 1)} />;
  }
  const { notice } = answer;
  if (notice.mustAcknowledge && notice.current) {
    return (
      <NoticeAcknowledgement
        practiceName={props.status.practiceName}
        status={{ ...notice, current: notice.current }}
        onAcknowledged={(next) => setAnswer({ userId, notice: next })}
      />
    );
  }
  return <>{props.children}</>;
}
