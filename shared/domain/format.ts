/**
 * Figures as people read them, with thousands separators ("1,250"): one formatter for every
 * figure the PDFs print, so a board sees the same "1,250.00 h" on each document. en-US because
 * the boards the packs cover are American; CSV keeps plain digits (minutesToDecimalHours).
 */
const wholeNumber = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const twoPlaces = new Intl.NumberFormat('en-US', {
  minimumFractionDigits: 2,
  maximumFractionDigits: 2,
});

/** "1,250", "12": a count with thousands separators. */
export const formatCount = (n: number): string => wholeNumber.format(n);

/** "1,250.50": minutes as decimal hours with two places, as the boards' forms ask. */
export const formatDecimalHours = (minutes: number): string => twoPlaces.format(minutes / 60);

/** "7 h 30 min", "45 min", "1,250 h": how durations read everywhere in the app. */
export function formatMinutes(total: number): string {
  const h = Math.floor(total / 60);
  const m = total % 60;
  if (h === 0) return `${m} min`;
  return m === 0 ? `${formatCount(h)} h` : `${formatCount(h)} h ${m} min`;
}
