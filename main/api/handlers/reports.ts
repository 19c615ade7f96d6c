import { defineHandlers } from '../handler-types.js';

export const reportsHandlers = defineHandlers({});
