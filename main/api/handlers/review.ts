import { defineHandlers } from '../handler-types.js';

export const reviewHandlers = defineHandlers({});
