import { useQuery } from "@apollo/client/react";
import { Link, Redirect, Route, Switch } from "wouter";
import { BuildingDetail } from "./buildings/BuildingDetail.tsx";
import { BuildingList } from "./buildings/BuildingList.tsx";
import { FaultDetail } from "./faults/FaultDetail.tsx";
import { FaultList } from "./faults/FaultList.tsx";
import { graphql } from "./generated/gql.ts";
import { ConversationList } from "./messages/ConversationList.tsx";
import { ConversationView } from "./messages/ConversationView.tsx";
import { useSession } from "./session/SessionContext.tsx";
import { SignIn } from "./session/SignIn.tsx";
import { LanguageSwitcher, useI18n } from "./i18n/I18nContext.tsx";
import { CreateVoteForm } from "./voting/CreateVoteForm.tsx";
import { VoteDetail } from "./voting/VoteDetail.tsx";
import { VoteList } from "./voting/VoteList.tsx";

const CurrentSession = graphql(`
  query CurrentSession {
    me {
      id
      firstName
      lastName
    }
    currentOrganization {
      id
      name
    }
  }
`);

/** The signed-in shell (organization, navigation) and the routes of each screen. */
export function App() {
  const { t } = useI18n();
  const { signedIn } = useSession();
  if (!signedIn) return <SignIn />;
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
          <Route path="/budovy/:id">{(params) => <BuildingDetail id={params.id} />}</Route>
          <Route path="/poruchy">
            <FaultList />
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
  const { data } = useQuery(CurrentSession);
  return (
    <header className="app-header">
      <span className="brand">{t.appName}</span>
      <span className="organization">{data?.currentOrganization?.name}</span>
      {data?.me && <span className="person">{`${data.me.firstName} ${data.me.lastName}`}</span>}
      <nav>
        <Link href="/budovy">{t.nav.buildings}</Link>
        <Link href="/poruchy">{t.nav.faults}</Link>
        <Link href="/spravy">{t.nav.messages}</Link>
        <Link href="/hlasovania">{t.nav.votes}</Link>
      </nav>
      <button className="secondary" onClick={() => void signOut()}>
        {t.nav.signOut}
      </button>
      <LanguageSwitcher />
    </header>
  );
}
