import { describe, expect, it } from 'vitest';
import {
  describeSensitive,
  findSensitiveText,
  type SensitiveKind,
} from '../../shared/domain/privacy/sensitive-text.js';

const POSITIVES: [string, SensitiveKind, string][] = [
  ['Client SSN 123-45-6789 on file', 'ssn', '123-45-6789'],
  ['id 123 45 6789', 'ssn', '123 45 6789'],
  ['SSN: 123456789', 'ssn', '123456789'],
  ['ssn#123456789', 'ssn', '123456789'],
  ['Social Security No. 987-65-4321', 'ssn', '987-65-4321'],
  ['DOB 03/14/1988', 'birth_date', '03/14/1988'],
  ['born 1988-03-14 in Fresno', 'birth_date', '1988-03-14'],
  ['Date of birth: March 14, 1988', 'birth_date', 'March 14, 1988'],
  ['d.o.b. 3/14/88', 'birth_date', '3/14/88'],
  ['birthday 14 March 1988', 'birth_date', '14 March 1988'],
  ['client 3-14-1988 (DOB)', 'birth_date', '3-14-1988'],
  ['Discussed F32.1 presentation', 'diagnosis_code', 'F32.1'],
  ['Working dx F41.9.', 'diagnosis_code', 'F41.9'],
  ['Z63.0 relational', 'diagnosis_code', 'Z63.0'],
  ['diagnosis F43 adjustment', 'diagnosis_code', 'F43'],
  ['ICD-10 code: z63 noted', 'diagnosis_code', 'z63'],
  ['F43.10 follow-up', 'diagnosis_code', 'F43.10'],
  ['M1A.0 listed', 'diagnosis_code', 'M1A.0'],
  // Checked on the NFKC-normalised, case-folded text (issue 15); the match is quoted as typed.
  ['discussed f32.1 today', 'diagnosis_code', 'f32.1'],
  ['dx z63.0', 'diagnosis_code', 'z63.0'],
  ['Ｆ３２．１ noted', 'diagnosis_code', 'Ｆ３２．１'],
  ['SSN １２３-４５-６７８９', 'ssn', '１２３-４５-６７８９'],
  ['id １２３－４５－６７８９', 'ssn', '１２３－４５－６７８９'],
  ['ｓｓｎ 123456789', 'ssn', '123456789'],
  ['DOB ０３/１４/１９８８', 'birth_date', '０３/１４/１９８８'],
  ['ＤＯＢ 03/14/1988', 'birth_date', '03/14/1988'],
  ['id 123\u2013 45\u2013 6789'.replace(/ /g, ''), 'ssn', '123\u201345\u20136789'],
];

const NEGATIVES = [
  'CA LMFT 12345',
  '2026-11-20 session',
  'Room F3',
  'Week W47 review',
  'Q4 goals with B12 levels',
  'Call 555-123-4567 after group',
  'Invoice 123456789 paid',
  'Born in 1988; birth of her child last week',
  'Session on 11/20/2026 covered boundaries',
  'Case consult, 2 hours, APC 12345',
  'Version 1.2.3 of the intake form',
  'Drove 12.5 miles to the F-wing',
  'Registration AMFT 123456, expires 2027-03-01',
  'Read chapter A12 before supervision',
  // Lower-case and full-width forms of what is left alone above.
  'room f3 and week w47',
  'q4 goals with b12 levels',
  'version 1.2.3 of the intake form',
  'moved to v2.0 of the form',
  'Ｒｏｏｍ Ｆ３',
  'call ５５５-１２３-４５６７ after group',
  'session on １１/２０/２０２６ covered boundaries',
  '',
];

describe('findSensitiveText', () => {
  it.each(POSITIVES)('flags %j as %s', (text, kind, match) => {
    expect(findSensitiveText(text)).toContainEqual({ kind, text: match });
  });

  it.each(NEGATIVES)('leaves %j alone', (text) => {
    expect(findSensitiveText(text)).toEqual([]);
  });

  it('finds several kinds in one text and names each once per match', () => {
    const found = findSensitiveText('SSN 123-45-6789, DOB 03/14/1988, dx F32.1');
    expect(found).toEqual([
      { kind: 'ssn', text: '123-45-6789' },
      { kind: 'birth_date', text: '03/14/1988' },
      { kind: 'diagnosis_code', text: 'F32.1' },
    ]);
  });
});

describe('describeSensitive', () => {
  it('is null for clean text', () => {
    expect(describeSensitive([])).toBeNull();
  });

  it('names what was found, quoting it', () => {
    expect(describeSensitive(findSensitiveText('DOB 03/14/1988'))).toBe(
      'Looks like a birth date (“03/14/1988”)',
    );
    expect(describeSensitive(findSensitiveText('123-45-6789 and F32.1, Z63.0'))).toBe(
      'Looks like a Social Security number (“123-45-6789”) and a diagnosis code (“F32.1”, “Z63.0”)',
    );
  });
});
