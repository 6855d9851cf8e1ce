// The tables this module owns: only this module's code names them (Prisma delegate or SQL).
export const ownedTables = [
  "reality.listings",
  "reality.listing_photos",
  "reality.listing_features",
  "reality.listing_price_history",
  "reality.listing_map_cells",
  "reality.listing_facet_cells",
  "reality.listing_words",
  "reality.listing_word_counts",
] as const;
