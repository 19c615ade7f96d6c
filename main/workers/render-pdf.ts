import { renderPdfJob } from '../services/reports/pdf-jobs.js';
import { serveJob } from './job-port.js';

/** Lays out a report PDF (weekly log, experience summary) off the main process's event loop. */
serveJob(renderPdfJob);
