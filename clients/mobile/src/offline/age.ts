// How old cached data is, in words a person reads at a glance.
export function describeAge(since: Date | null, now = Date.now()): string {
  if (!since) return "never loaded from the server";
  const minutes = Math.floor((now - since.getTime()) / 60_000);
  if (minutes < 1) return "updated just now";
  if (minutes < 60) return `updated ${minutes} min ago`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `updated ${hours} h ago`;
  return `updated ${Math.floor(hours / 24)} days ago`;
}
