// What a page says about itself outside its body: title, description, canonical address, Open
// Graph image, JSON-LD and, on the server, the HTTP status. Pages call usePageHead; the server
// collects the last call of its final render into <head>, the browser keeps document.title in step
// while a visitor navigates. Nothing is rendered into the tree, so hydration has nothing to differ on.
import { createContext, useContext, useEffect, type ReactNode } from "react";

export interface PageHead {
  title: string;
  description?: string | null;
  /** The page's canonical path without the language prefix (hreflang alternates are made from it). */
  canonicalPath?: string;
  /** An absolute or root-relative image for Open Graph. */
  image?: string | null;
  ogType?: "website" | "article" | "profile";
  /** schema.org objects, each written as one application/ld+json script. */
  jsonLd?: object[];
  /** 404 for a missing agency or realtor, an unknown route; 200 otherwise. */
  status?: number;
  /** Pages of a signed-in visitor (favorites, inquiries): not for search engines or shared caches. */
  personal?: boolean;
}

export interface HeadCollector {
  head: PageHead | null;
}

const HeadContext = createContext<HeadCollector | null>(null);

export function HeadProvider({ collector, children }: { collector: HeadCollector; children: ReactNode }) {
  return <HeadContext.Provider value={collector}>{children}</HeadContext.Provider>;
}

export function usePageHead(head: PageHead): void {
  const collector = useContext(HeadContext);
  // Server only: render has no other way out; the collector exists only there.
  if (collector) collector.head = head;
  useEffect(() => {
    document.title = head.title;
  }, [head.title]);
}
