import { isValidIsoDate, weekStartOf } from '../../lib/dates';
import { useRoute } from '../../lib/route';
import { CorrectionRequests } from './CorrectionRequests';
import { ReviewQueue } from './ReviewQueue';
import { WeekReview } from './WeekReview';

/**
 * Weeks waiting for a decision: the queue, or one week opened from it
 * (`#/review?worker=3&week=2026-11-16`, so a reload stays on the week).
 */
export function ReviewScreen() {
  const { params } = useRoute();
  const workerId = Number(params.get('worker')) || null;
  const week = params.get('week');
  if (workerId !== null && week && isValidIsoDate(week)) {
    return <WeekReview workerId={workerId} weekStart={weekStartOf(week)} />;
  }
  return (
    <>
      <ReviewQueue />
      <CorrectionRequests />
    </>
  );
}
