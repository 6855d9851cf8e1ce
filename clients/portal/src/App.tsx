import { Link, Route, Switch } from "wouter";
import { AccountMenu } from "./account/AccountMenu.tsx";
import { ForgotPassword } from "./account/ForgotPassword.tsx";
import { Register } from "./account/Register.tsx";
import { ResetPassword } from "./account/ResetPassword.tsx";
import { VerifyEmail } from "./account/VerifyEmail.tsx";
import { Unsubscribe } from "./notifications/Unsubscribe.tsx";
import { SignIn } from "./account/SignIn.tsx";
import { AccountPage } from "./account/AccountPage.tsx";
import { ProviderCallback } from "./account/ProviderCallback.tsx";
import { PROVIDER_CALLBACK_PATH } from "./account/providers.ts";
import { SignInRequired } from "./account/SignInRequired.tsx";
import { FavoritesPage } from "./favorites/FavoritesPage.tsx";
import { SavedSearchesPage } from "./favorites/SavedSearchesPage.tsx";
import { MyInquiriesPage } from "./inquiries/MyInquiriesPage.tsx";
import { CategoryPage } from "./listings/CategoryPage.tsx";
import { ListingDetail } from "./listings/ListingDetail.tsx";
import { ListingSearch } from "./listings/ListingSearch.tsx";
import { LanguageSwitcher, useI18n } from "./i18n/I18nContext.tsx";
import { AcceptInvitationPage } from "./console/AcceptInvitationPage.tsx";
import { ConsolePage } from "./console/ConsolePage.tsx";
import { AgencyPage } from "./profiles/AgencyPage.tsx";
import { RealtorPage } from "./profiles/RealtorPage.tsx";
import { usePageHead } from "./ssr/head.tsx";
import { AGENCY_ROUTE, CATEGORY_ROUTE, idFromSlug, LISTING_ROUTE, PROPERTY_SLUGS, REALTOR_ROUTE } from "./urls.ts";

/**
 * Routes: "/" the search (its filters in the query string); a listing at its Slovak address
 * (/byty/predaj/kosice/<words>-<id>, see urls.ts; the old "/inzerat/:id" still opens it, and the
 * server answers it with a 301); a category's landing page (/byty/predaj/kosice); an agency (/kancelaria/<slug>) and a realtor (/makler/<words>-<id>); the
 * account's pages (sign-in, registration, forgotten password, the e-mailed reset link) and the
 * signed-in user's favorites, saved searches and inquiries; the realtor console (/konzola/…) and the
 * agency invitation's page.
 */
export function App() {
  const { t } = useI18n();
  return (
    <div className="page">
      <header className="site-header">
        <Link href="/" className="brand">
          {t.appName}
        </Link>
        <span className="tagline">{t.tagline}</span>
        <AccountMenu />
        <LanguageSwitcher />
      </header>
      <main>
        <Switch>
          <Route path="/inzerat/:id">{(params) => <ListingDetail id={params.id} />}</Route>
          <Route path={AGENCY_ROUTE}>{(params) => <AgencyPage slug={params.slug} />}</Route>
          <Route path={REALTOR_ROUTE}>{(params) => <RealtorPage id={idFromSlug(params.slug)} />}</Route>
          <Route path={PROVIDER_CALLBACK_PATH}>
            <ProviderCallback />
          </Route>
          <Route path="/prihlasenie">
            <SignIn />
          </Route>
          <Route path="/registracia">
            <Register />
          </Route>
          <Route path="/zabudnute-heslo">
            <ForgotPassword />
          </Route>
          <Route path="/obnova-hesla">
            <ResetPassword />
          </Route>
          <Route path="/overenie-emailu">
            <VerifyEmail />
          </Route>
          <Route path="/odhlasenie-upozorneni">
            <Unsubscribe />
          </Route>
          <Route path="/ucet">
            <SignInRequired>
              <AccountPage />
            </SignInRequired>
          </Route>
          <Route path="/oblubene">
            <SignInRequired>
              <FavoritesPage />
            </SignInRequired>
          </Route>
          <Route path="/ulozene-hladania">
            <SignInRequired>
              <SavedSearchesPage />
            </SignInRequired>
          </Route>
          <Route path="/moje-dopyty">
            <SignInRequired>
              <MyInquiriesPage />
            </SignInRequired>
          </Route>
          <Route path="/konzola/*?">
            <SignInRequired>
              <ConsolePage />
            </SignInRequired>
          </Route>
          <Route path="/pozvanka-do-kancelarie">
            <SignInRequired>
              <AcceptInvitationPage />
            </SignInRequired>
          </Route>
          <Route path="/">
            <ListingSearch />
          </Route>
          <Route path={CATEGORY_ROUTE}>{(params) => <CategoryPage kind={params.kind} deal={params.deal} city={params.city} />}</Route>
          <Route path={LISTING_ROUTE}>
            {(params) => {
              const id = idFromSlug(params.slug);
              return id && Object.values(PROPERTY_SLUGS).includes(params.kind) ? <ListingDetail id={id} /> : <NotFound />;
            }}
          </Route>
          <Route>
            <NotFound />
          </Route>
        </Switch>
      </main>
    </div>
  );
}

function NotFound() {
  const { t } = useI18n();
  usePageHead({ title: `${t.notFound} | ${t.appName}`, status: 404 });
  return <p className="notice">{t.notFound}</p>;
}
