import type { ReactNode } from "react";
import { Link } from "wouter";
import { useI18n } from "../i18n/I18nContext.tsx";
import { signInHref } from "./return-path.ts";
import { useSession } from "./SessionContext.tsx";
import { useCurrentPath } from "./use-current-path.ts";

/** Its children for a signed-in user; for anyone else, a link to sign in and come back here. */
export function SignInRequired({ children }: { children: ReactNode }) {
  const { t } = useI18n();
  const { signedIn } = useSession();
  const here = useCurrentPath();
  if (signedIn) return <>{children}</>;
  return (
    <section className="notice-box">
      <p className="notice">{t.account.signInRequired}</p>
      <Link href={signInHref(here)}>{t.account.signInToContinue}</Link>
    </section>
  );
}
