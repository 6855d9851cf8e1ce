import { Link, Route, Switch } from "wouter";
import { ListingDetail } from "./listings/ListingDetail.tsx";
import { ListingSearch } from "./listings/ListingSearch.tsx";
import { sk } from "./strings.ts";

/** Routes: "/" the search (its filters in the query string), "/inzerat/:id" one listing. */
export function App() {
  return (
    <div className="page">
      <header className="site-header">
        <Link href="/" className="brand">
          {sk.appName}
        </Link>
        <span className="tagline">{sk.tagline}</span>
      </header>
      <main>
        <Switch>
          <Route path="/inzerat/:id">{(params) => <ListingDetail id={params.id} />}</Route>
          <Route path="/">
            <ListingSearch />
          </Route>
          <Route>
            <p className="notice">{sk.notFound}</p>
          </Route>
        </Switch>
      </main>
    </div>
  );
}
