import { parseHoursFile } from '../services/csv-hours/parse.js';
import { serveJob } from './job-port.js';

/** Reads an import file (up to 5 MB) off the main process's event loop. */
serveJob(parseHoursFile);
