import { defineHandlers } from '../handler-types.js';

export const reviewersHandlers = defineHandlers({
  'reviewers.previewEnrolment': (i, { services }) =>
    services.reviewerEnrolment.preview(i.name, i.base64),
  'reviewers.enrol': (i, { services, user }) =>
    services.reviewerEnrolment.enrol(user, {
      name: i.name,
      base64: i.base64,
      supervisorId: i.supervisorId,
      adopt: i.adopt,
    }),
  'reviewers.list': (_i, { services }) => services.reviewerEnrolment.list(),
  'reviewers.revoke': async (i, { services }) => {
    await services.reviewerEnrolment.revoke(i.supervisorId);
    return null;
  },
});
