import { useEffect, useState } from "react";
import { Link } from "wouter";
import { useI18n } from "../i18n/I18nContext.tsx";
import { recentlyViewed, type ViewedListing } from "./recently-viewed.ts";

/**
 * The visitor's recently viewed listings, read from their browser after hydration: the server
 * renders nothing here, so the cached, shared HTML never varies by visitor.
 */
export function RecentlyViewed() {
  const { t } = useI18n();
  const [viewed, setViewed] = useState<ViewedListing[]>([]);
  useEffect(() => {
    setViewed(recentlyViewed(window.localStorage));
  }, []);
  if (viewed.length === 0) return null;
  return (
    <section className="recently-viewed">
      <h2>{t.listing.recentlyViewed}</h2>
      <ul>
        {viewed.map((listing) => (
          <li key={listing.id}>
            <Link href={listing.path}>{listing.title}</Link> · {listing.city}
          </li>
        ))}
      </ul>
    </section>
  );
}
