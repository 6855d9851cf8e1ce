// Calendar days as UTC midnights: a stay's nights are [checkIn, checkOut).
export const DAY_MS = 86_400_000;

export const dayOf = (iso: string): Date => new Date(`${iso}T00:00:00Z`);
export const isoDay = (d: Date): string => d.toISOString().slice(0, 10);
export const addDays = (d: Date, n: number): Date => new Date(d.getTime() + n * DAY_MS);
export const today = (now = new Date()): Date => dayOf(isoDay(now));
export const nightsBetween = (from: Date, to: Date): number => Math.round((to.getTime() - from.getTime()) / DAY_MS);

/** Full years of age on a day. */
export function ageOn(birthDate: Date, day: Date): number {
  let age = day.getUTCFullYear() - birthDate.getUTCFullYear();
  const beforeBirthday =
    day.getUTCMonth() < birthDate.getUTCMonth() || (day.getUTCMonth() === birthDate.getUTCMonth() && day.getUTCDate() < birthDate.getUTCDate());
  if (beforeBirthday) age -= 1;
  return age;
}
