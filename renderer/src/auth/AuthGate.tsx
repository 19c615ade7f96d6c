import { Notifications } from '@mantine/notifications';
import { useEffect } from 'react';
import { App } from '../App';
import { AuthWaiting } from './AuthLayout';
import { SensitiveConfirmHost } from '../components/SensitiveConfirmHost';
import { ConvertingScreen } from './ConvertingScreen';
import { DamagedScreen } from './DamagedScreen';
import { LockScreen } from './LockScreen';
import { NoticeGate } from './NoticeGate';
import { ReviewerApp } from '../reviewer/ReviewerApp';
import { RecoveryScreen } from './RecoveryScreen';
import { SetupWizard } from './SetupWizard';
import { SignInScreen } from './SignInScreen';
import { currentStatus, enterLocked, refreshStatus, signOut, useSession } from './session';

const TITLES = {
  setup: 'Set up',
  reviewer: 'Reviewer',
  converting: 'Encrypting',
  damaged: 'Cannot open',
  'key-needed': 'Recovery code needed',
  'signed-out': 'Sign in',
  locked: 'Locked',
} as const;

/**
 * Renders exactly one of: the first-run wizard, the recovery screen, sign-in, the lock screen,
 * or the app — by the phase main reports. Nothing of the app is mounted unless the phase is
 * `active`, so a lock leaves no record in the page.
 */
export function AuthGate() {
  const { status, error } = useSession();

  useEffect(() => {
    void refreshStatus();
    return window.hourkeep?.onEvent((event) => {
      if (event.type === 'lock-changed') {
        if (event.locked) enterLocked(event.reason);
        else void refreshStatus();
      } else if (event.type === 'command' && event.command === 'sign-out') {
        if (currentStatus()?.user) void signOut();
      }
    });
  }, []);

  const phase = status?.phase;
  useEffect(() => {
    if (phase && phase !== 'active') document.title = `${TITLES[phase]} — Hourkeep`;
  }, [phase]);

  if (!status) {
    return (
      <AuthWaiting
        error={error}
        title="Hourkeep could not start"
        onRetry={() => void refreshStatus()}
      />
    );
  }

  switch (status.phase) {
    case 'setup':
      return <SetupWizard />;
    // A supervisor's own computer: the reviewer profile instead of a practice (issue 20).
    case 'reviewer':
      return <ReviewerApp />;
    case 'converting':
      return <ConvertingScreen status={status} />;
    case 'damaged':
      return <DamagedScreen status={status} />;
    case 'key-needed':
      return <RecoveryScreen status={status} />;
    case 'signed-out':
      return <SignInScreen status={status} />;
    case 'locked':
      return <LockScreen status={status} />;
    case 'active':
      return (
        <>
          {/* One at a time, bottom left over the sidebar's foot: never over the page's content
              (the week totals and buttons sit on the right). */}
          <Notifications position="bottom-left" limit={1} containerWidth={204} />
          <SensitiveConfirmHost />
          <NoticeGate status={status}>
            <App />
          </NoticeGate>
        </>
      );
  }
}
