/** Where a notification leads in the app, by the ids its data names (null: nowhere in particular). */
export function notificationHref(data: unknown): string | null {
  if (!data || typeof data !== "object") return null;
  const ids = data as Record<string, unknown>;
  const id = (key: string) => (typeof ids[key] === "string" && ids[key] ? encodeURIComponent(ids[key]) : null);
  if (id("faultId")) return `/poruchy/${id("faultId")}`;
  if (id("voteId")) return `/hlasovania/${id("voteId")}`;
  if (id("conversationId")) return `/spravy/${id("conversationId")}`;
  return null;
}
