/** `disclosures`: each time a person's data left the practice (to whom, why, in what form). */
export type DisclosureRow = {
  id: number;
  person_type: string;
  person_id: number;
  recipient: string;
  purpose: string;
  /** JSON list of the data categories disclosed. */
  categories: string;
  format: string;
  document: string;
  made_at: string;
  made_by_user_id: number | null;
  made_by: string;
};
