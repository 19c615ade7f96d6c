import { defineHandlers } from '../handler-types.js';

export const progressHandlers = defineHandlers({});
