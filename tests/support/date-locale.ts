import { setDateLocale } from '../../shared/domain/format.js';

// Every suite reads dates as en-GB writes them ("16 Nov 2026"), whatever the machine's locale;
// tests/unit/format-locale.test.ts covers the other orders.
setDateLocale('en-GB');
