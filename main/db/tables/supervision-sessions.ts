/** `supervision_sessions`: a supervisor's individual or group session at a site. */
export type SupervisionSessionRow = {
  id: number;
  supervisor_id: number;
  site_id: number;
  date: string;
  kind: string;
  minutes: number;
  note: string | null;
  created_at: string;
  updated_at: string;
};

/** `supervision_session_attendees`: who attended a session (each gets its hour entries). */
export type SessionAttendeeRow = {
  session_id: number;
  worker_id: number;
};
