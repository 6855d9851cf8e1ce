// The sitemap queries' paging (listings, agencies, realtors): pages from 1, at most the sitemap
// protocol's 50,000 URLs per file.
import { AppError } from "@ppt/server-kit";

export const MAX_SITEMAP_PAGE_SIZE = 50_000;

export function checkSitemapPage(page: number, pageSize: number): void {
  if (!Number.isInteger(page) || page < 1) throw AppError.badInput("page starts at 1", { field: "page" });
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > MAX_SITEMAP_PAGE_SIZE) {
    throw AppError.badInput(`pageSize is 1 to ${MAX_SITEMAP_PAGE_SIZE}`, { field: "pageSize" });
  }
}
