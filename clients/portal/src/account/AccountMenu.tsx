import { useQuery } from "@apollo/client/react";
import { Link, useLocation } from "wouter";
import { graphql } from "../generated/gql.ts";
import { useI18n } from "../i18n/I18nContext.tsx";
import { signInHref } from "./return-path.ts";
import { useSession } from "./SessionContext.tsx";
import { useCurrentPath } from "./use-current-path.ts";

const PortalMe = graphql(`
  query PortalMe {
    portalMe {
      id
      displayName
    }
  }
`);

/** Pages a visitor is not sent back to after signing in. */
const ACCOUNT_PAGES = ["/prihlasenie", "/registracia", "/zabudnute-heslo", "/obnova-hesla"];

/** The header's corner: a sign-in link, or the signed-in user's name opening a menu of their pages. */
export function AccountMenu() {
  const { t } = useI18n();
  const { signedIn, signOut } = useSession();
  const [location, navigate] = useLocation();
  const here = useCurrentPath();
  const { data } = useQuery(PortalMe, { skip: !signedIn });
  if (!signedIn) {
    return (
      <Link href={ACCOUNT_PAGES.some((page) => location.startsWith(page)) ? "/prihlasenie" : signInHref(here)} className="account-link">
        {t.account.signInLink}
      </Link>
    );
  }
  return (
    // Keyed by the page: following one of its links closes the menu.
    <details className="account-menu" key={location}>
      <summary>{data?.portalMe?.displayName ?? t.account.menu}</summary>
      <nav>
        <Link href="/ucet">{t.account.accountPage}</Link>
        <Link href="/oblubene">{t.account.favorites}</Link>
        <Link href="/ulozene-hladania">{t.account.savedSearches}</Link>
        <Link href="/moje-dopyty">{t.account.inquiries}</Link>
        <Link href="/konzola">{t.account.console}</Link>
        <button type="button" className="secondary" onClick={() => void signOut().then(() => navigate("/"))}>
          {t.account.signOut}
        </button>
      </nav>
    </details>
  );
}
