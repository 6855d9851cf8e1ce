import { useLocation, useSearch } from "wouter";

/** The current path with its query string (what a sign-in should come back to). */
export function useCurrentPath(): string {
  const [location] = useLocation();
  const search = useSearch();
  return search ? `${location}?${search}` : location;
}
