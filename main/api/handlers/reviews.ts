import { defineHandlers } from '../handler-types.js';

export const reviewsHandlers = defineHandlers({
  'reviews.exportPacket': (i, { services, user }) => services.reviewExport.exportPacket(user, i),
  'reviews.previewDecisions': (i, { services }) => services.reviewImport.preview(i.name, i.base64),
  'reviews.importDecisions': (i, { services, user }) =>
    services.reviewImport.importDecisions(user, i.name, i.base64),
});
