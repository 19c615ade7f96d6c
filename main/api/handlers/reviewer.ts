import { defineHandlers } from '../handler-types.js';

/** The reviewer profile's calls: main/services/reviewer/desk.ts answers them all. */
export const reviewerHandlers = defineHandlers({
  'reviewer.status': async (_i, { reviewer }) => reviewer.status(),
  'reviewer.createProfile': (i, { reviewer }) => reviewer.createProfile(i),
  'reviewer.unlock': (i, { reviewer }) => reviewer.unlock(i.password),
  'reviewer.lock': async (_i, { reviewer }) => reviewer.lock('manual'),
  'reviewer.activity': async (_i, { reviewer }) => {
    reviewer.activity();
    return null;
  },
  'reviewer.changePassword': (i, { reviewer }) => reviewer.changePassword(i),
  'reviewer.removeProfile': (i, { reviewer }) => reviewer.removeProfile(i),
  'reviewer.enrolmentRequest': async (_i, { reviewer }) => reviewer.enrolmentRequest(),
  'reviewer.openPacket': (i, { reviewer }) => reviewer.openPacket(i.upload),
  'reviewer.packets': (_i, { reviewer }) => reviewer.packets(),
  'reviewer.packet': (i, { reviewer }) => reviewer.packet(i.packetId),
  'reviewer.decide': (i, { reviewer }) => reviewer.decide(i),
  'reviewer.decisionFile': (i, { reviewer }) => reviewer.decisionFile(i.packetId),
});
