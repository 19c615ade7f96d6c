import { defineHandlers } from '../handler-types.js';

export const databaseHandlers = defineHandlers({
  'database.place': async (_i, { database }) => database.place(),
  'database.test': (i, { database }) => database.test(i),
  'database.move': (i, { database }) => database.move(i),
  'database.serverPassword': async (i, { database }) => {
    await database.serverPassword(i.serverPassword);
    return null;
  },
  'database.join': async (i, { database }) => {
    await database.join(i.server, i.recoveryCode);
    return null;
  },
});
