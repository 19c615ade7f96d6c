import { defineHandlers } from '../handler-types.js';

export const ceHandlers = defineHandlers({});
