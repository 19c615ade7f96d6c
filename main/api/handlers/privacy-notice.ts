import { defineHandlers } from '../handler-types.js';

export const privacyNoticeHandlers = defineHandlers({
  'privacy.notice.status': (_i, { services, user }) => services.privacyNotices.status(user),
  'privacy.notice.acknowledge': (i, { services, user }) =>
    services.privacyNotices.acknowledge(user, i.noticeId),
  'privacy.notice.versions': (_i, { services }) => services.privacyNotices.versions(),
  'privacy.notice.acknowledgements': (_i, { services }) =>
    services.privacyNotices.acknowledgements(),
  'privacy.notice.publish': (i, { services, user }) => services.privacyNotices.publish(user, i),
});
