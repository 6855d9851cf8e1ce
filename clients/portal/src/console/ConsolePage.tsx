import { useQuery } from "@apollo/client/react";
import { Link, Route, Switch } from "wouter";
import { useI18n } from "../i18n/I18nContext.tsx";
import { AgencyAdmin } from "./AgencyAdmin.tsx";
import { BulkEditPage } from "./BulkEditPage.tsx";
import { ConsoleListingsPage } from "./ConsoleListingsPage.tsx";
import { FeedImportPage } from "./FeedImportPage.tsx";
import { InboxPage } from "./InboxPage.tsx";
import { ListingEditor } from "./ListingEditor.tsx";
import { ConsoleMe } from "./operations.ts";
import { RegisterAgencyForm } from "./RegisterAgencyForm.tsx";

/**
 * The realtor console (/konzola, signed-in portal users): their listings, a new listing, one
 * listing to edit, the bulk edit, feed imports, the inbox and the agency's administration. A user
 * without a realtor profile is offered the agency registration (which makes them one).
 */
export function ConsolePage() {
  const { t } = useI18n();
  const { data, loading, error } = useQuery(ConsoleMe);
  if (error) return <p className="problem">{t.loadFailed}</p>;
  if (!data && loading) return <p className="notice">{t.loading}</p>;
  const realtor = data?.myRealtorProfile;
  if (!realtor) {
    return (
      <section className="console">
        <h1>{t.console.heading}</h1>
        <p className="notice">{t.console.notRealtor}</p>
        <RegisterAgencyForm />
      </section>
    );
  }
  const admin = realtor.agencies.filter((m) => m.role !== "REALTOR").map((m) => m.agency);
  return (
    <section className="console">
      <h1>{t.console.heading}</h1>
      <nav className="console-nav" aria-label={t.console.heading}>
        <Link href="/konzola">{t.console.nav.listings}</Link>
        <Link href="/konzola/novy">{t.console.nav.create}</Link>
        <Link href="/konzola/hromadna-uprava">{t.console.nav.bulk}</Link>
        {admin.length > 0 && <Link href="/konzola/import">{t.console.nav.import}</Link>}
        <Link href="/konzola/dopyty">{t.console.nav.inbox}</Link>
        <Link href="/konzola/kancelaria">{t.console.nav.agency}</Link>
      </nav>
      <Switch>
        <Route path="/konzola/novy">
          <ListingEditor agencies={realtor.agencies.map((m) => m.agency)} />
        </Route>
        <Route path="/konzola/inzerat/:id">{(params) => <ListingEditor id={params.id} agencies={[]} />}</Route>
        <Route path="/konzola/hromadna-uprava">
          <BulkEditPage />
        </Route>
        <Route path="/konzola/import">
          <FeedImportPage agencies={admin} />
        </Route>
        <Route path="/konzola/dopyty">
          <InboxPage />
        </Route>
        <Route path="/konzola/kancelaria">
          <AgencyAdmin memberships={realtor.agencies} />
        </Route>
        <Route>
          <ConsoleListingsPage />
        </Route>
      </Switch>
    </section>
  );
}
