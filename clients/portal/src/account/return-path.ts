// Pages for signed-in users send a visitor to sign in with `?spat=<the page>` and get them back.

/** The sign-in page that returns to `path` afterwards. */
export function signInHref(path: string): string {
  return path && path !== "/" ? `/prihlasenie?${new URLSearchParams({ spat: path })}` : "/prihlasenie";
}

/** Where to go after sign-in: only a path of this site (never another origin, "//evil.example"). */
export function returnPath(search: string): string {
  const back = new URLSearchParams(search).get("spat") ?? "/";
  return back.startsWith("/") && !back.startsWith("//") && !back.startsWith("/\\") ? back : "/";
}
