// The library's addresses: which folder, search or trash is open lives in the URL, so a link or
// a reload shows the same list.

export function documentsPath(where: { folderId?: string | null; search?: string; trash?: boolean; upload?: boolean }): string {
  const params = new URLSearchParams();
  if (where.folderId) params.set("slozka", where.folderId);
  if (where.search) params.set("hladat", where.search);
  if (where.trash) params.set("kos", "1");
  const query = params.toString();
  return `/dokumenty${where.upload ? "/nahrat" : ""}${query ? `?${query}` : ""}`;
}
