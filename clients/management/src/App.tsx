import { useQuery } from "@apollo/client/react";
import { Link, Redirect, Route, Switch } from "wouter";
import { ForgotPassword } from "./account/ForgotPassword.tsx";
import { InvitationPage } from "./account/InvitationPage.tsx";
import { ResetPassword } from "./account/ResetPassword.tsx";
import { Unsubscribe } from "./account/Unsubscribe.tsx";
import { VerifyEmail } from "./account/VerifyEmail.tsx";
import { BuildingDetail } from "./buildings/BuildingDetail.tsx";
import { BuildingForm } from "./buildings/BuildingForm.tsx";
import { BuildingList } from "./buildings/BuildingList.tsx";
import { FaultDetail } from "./faults/FaultDetail.tsx";
import { FaultList } from "./faults/FaultList.tsx";
import { ReportFault } from "./faults/ReportFault.tsx";
import { graphql } from "./generated/gql.ts";
// Finance, meters and rentals.
import { FinancePage } from "./finance/FinancePage.tsx";
import { InvoicePage } from "./finance/InvoicePage.tsx";
import { FinanceAdmin } from "./finance/FinanceAdmin.tsx";
import { MyFinances } from "./finance/MyFinances.tsx";
import { MetersPage } from "./meters/MetersPage.tsx";
import { RentalsPage } from "./rentals/RentalsPage.tsx";
import { ReservationPage } from "./rentals/ReservationPage.tsx";
import { MembersPage } from "./members/MembersPage.tsx";
import { DelegationsPage } from "./delegations/DelegationsPage.tsx";
import { ConversationList } from "./messages/ConversationList.tsx";
import { ConversationView } from "./messages/ConversationView.tsx";
import { NotificationCentre } from "./notifications/NotificationCentre.tsx";
import { NotificationPreferences } from "./notifications/NotificationPreferences.tsx";
import { UnreadBadge } from "./notifications/UnreadBadge.tsx";
import { SecurityPage } from "./security/SecurityPage.tsx";
import { usePermission, useSession } from "./session/SessionContext.tsx";
import { OrganizationSwitcher } from "./session/OrganizationSwitcher.tsx";
import { SignIn } from "./session/SignIn.tsx";
import { LanguageSwitcher, useI18n } from "./i18n/I18nContext.tsx";
import { CreateVoteForm } from "./voting/CreateVoteForm.tsx";
import { VoteDetail } from "./voting/VoteDetail.tsx";
import { VoteList } from "./voting/VoteList.tsx";
// Communication: announcements, documents, the audit log.
import { AnnouncementDetail } from "./announcements/AnnouncementDetail.tsx";
import { AnnouncementForm, EditAnnouncement } from "./announcements/AnnouncementForm.tsx";
import { AnnouncementList } from "./announcements/AnnouncementList.tsx";
import { AuditLog } from "./audit/AuditLog.tsx";
import { DocumentDetail } from "./documents/DocumentDetail.tsx";
import { DocumentLibrary } from "./documents/DocumentLibrary.tsx";
import { UploadDocument } from "./documents/UploadDocument.tsx";

const CurrentSession = graphql(`
  query CurrentSession {
    me {
      id
      firstName
      lastName
      memberships {
        organization {
          id
          name
        }
      }
    }
    currentOrganization {
      id
      name
    }
  }
`);

/**
 * The pages PPT's e-mails link to (paths as the notification templates build them), which work
 * signed in or not; everything else is the signed-in shell, or sign-in first.
 */
export function App() {
  const { signedIn } = useSession();
  return (
    <Switch>
      <Route path="/overenie-emailu">
        <VerifyEmail />
      </Route>
      <Route path="/obnova-hesla">
        <ResetPassword />
      </Route>
      <Route path="/zabudnute-heslo">
        <ForgotPassword />
      </Route>
      <Route path="/pozvanka">
        <InvitationPage />
      </Route>
      <Route path="/odhlasenie-upozorneni">
        <Unsubscribe />
      </Route>
      <Route>{signedIn ? <Shell /> : <SignIn />}</Route>
    </Switch>
  );
}

/** The signed-in shell (organization, navigation) and the routes of each screen. */
function Shell() {
  const { t } = useI18n();
  return (
    <div className="shell">
      <Header />
      <main>
        <Switch>
          <Route path="/">
            <Redirect to="/budovy" />
          </Route>
          <Route path="/budovy">
            <BuildingList />
          </Route>
          <Route path="/budovy/nova">
            <BuildingForm />
          </Route>
          <Route path="/budovy/:id/upravit">{(params) => <BuildingForm id={params.id} />}</Route>
          <Route path="/budovy/:id">{(params) => <BuildingDetail id={params.id} />}</Route>
          <Route path="/poruchy">
            <FaultList />
          </Route>
          <Route path="/poruchy/nahlasit">
            <ReportFault />
          </Route>
          <Route path="/poruchy/:id">{(params) => <FaultDetail id={params.id} />}</Route>
          <Route path="/spravy">
            <ConversationList />
          </Route>
          <Route path="/spravy/:id">{(params) => <ConversationView id={params.id} />}</Route>
          <Route path="/hlasovania">
            <VoteList />
          </Route>
          <Route path="/hlasovania/nove">
            <CreateVoteForm />
          </Route>
          <Route path="/hlasovania/:id">{(params) => <VoteDetail id={params.id} />}</Route>
          <Route path="/clenovia">
            <MembersPage />
          </Route>
          <Route path="/plne-moci">
            <DelegationsPage />
          </Route>
          <Route path="/upozornenia">
            <NotificationCentre />
          </Route>
          <Route path="/nastavenia/upozornenia">
            <NotificationPreferences />
          </Route>
          <Route path="/zabezpecenie">
            <SecurityPage />
          </Route>
          {/* Communication: announcements, documents, the audit log. */}
          <Route path="/oznamy">
            <AnnouncementList />
          </Route>
          <Route path="/oznamy/novy">
            <AnnouncementForm />
          </Route>
          <Route path="/oznamy/:id/upravit">{(params) => <EditAnnouncement id={params.id} />}</Route>
          <Route path="/oznamy/:id">{(params) => <AnnouncementDetail id={params.id} />}</Route>
          <Route path="/dokumenty">
            <DocumentLibrary />
          </Route>
          <Route path="/dokumenty/nahrat">
            <UploadDocument />
          </Route>
          <Route path="/dokumenty/:id">{(params) => <DocumentDetail id={params.id} />}</Route>
          <Route path="/audit">
            <AuditLog />
          </Route>
          {/* Finance, meters and rentals. */}
          <Route path="/financie">
            <FinancePage />
          </Route>
          <Route path="/financie/moje">
            <MyFinances />
          </Route>
          <Route path="/financie/sprava">
            <FinanceAdmin />
          </Route>
          <Route path="/financie/faktury/:id">{(params) => <InvoicePage id={params.id} />}</Route>
          <Route path="/meradla">
            <MetersPage />
          </Route>
          <Route path="/prenajmy">
            <RentalsPage />
          </Route>
          <Route path="/prenajmy/:id">{(params) => <ReservationPage id={params.id} />}</Route>
          <Route>
            <p className="notice">{t.notFound}</p>
          </Route>
        </Switch>
      </main>
    </div>
  );
}

function Header() {
  const { t } = useI18n();
  const { signOut } = useSession();
  const managesUsers = usePermission("users:manage");
  // A power of attorney is given by an owner and may be received by any member who reads buildings.
  const readsBuildings = usePermission("buildings:read");
  const readsAudit = usePermission("audit:read");
  // Finance, meters and rentals: shown to whoever the graph lets read them.
  const readsFinance = usePermission("financial:read");
  const readsMeters = usePermission("meters:read");
  const runsRentals = usePermission("rentals:read");
  const { data } = useQuery(CurrentSession);
  return (
    <header className="app-header">
      <span className="brand">{t.appName}</span>
      <OrganizationSwitcher current={data?.currentOrganization} memberships={data?.me?.memberships ?? []} />
      {data?.me && <span className="person">{`${data.me.firstName} ${data.me.lastName}`}</span>}
      <nav>
        <Link href="/budovy">{t.nav.buildings}</Link>
        <Link href="/poruchy">{t.nav.faults}</Link>
        <Link href="/spravy">{t.nav.messages}</Link>
        <Link href="/hlasovania">{t.nav.votes}</Link>
        {managesUsers && <Link href="/clenovia">{t.nav.members}</Link>}
        {readsBuildings && <Link href="/plne-moci">{t.nav.delegations}</Link>}
        <Link href="/oznamy">{t.announcements.nav}</Link>
        <Link href="/dokumenty">{t.documents.nav}</Link>
        {readsAudit && <Link href="/audit">{t.audit.nav}</Link>}
        {readsFinance && <Link href="/financie">{t.finance.nav}</Link>}
        {readsMeters && <Link href="/meradla">{t.meters.nav}</Link>}
        {runsRentals && <Link href="/prenajmy">{t.rentals.nav}</Link>}
        <UnreadBadge />
      </nav>
      <button className="secondary" onClick={() => void signOut()}>
        {t.nav.signOut}
      </button>
      <LanguageSwitcher />
    </header>
  );
}
