import type { FormEvent } from "react";
import { useQuery } from "@apollo/client/react";
import { Link, useLocation, useSearch } from "wouter";
import { fullName } from "../format.ts";
import { graphql } from "../generated/gql.ts";
import { LoadMore } from "../LoadMore.tsx";
import { useI18n } from "../i18n/I18nContext.tsx";
import { Refused } from "../Refused.tsx";
import { auditFilterFromSearch, auditPath, toAuditLogFilter, type AuditFilterFields } from "./audit-filter.ts";

const PAGE_SIZE = 50;

const AuditLogQuery = graphql(`
  query AuditLog($filter: AuditLogFilter, $first: Int!, $after: String) {
    auditLog(filter: $filter, first: $first, after: $after) {
      totalCount
      edges {
        cursor
        node {
          id
          action
          entityType
          entityId
          createdAt
          actor {
            id
            firstName
            lastName
          }
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

const AuditActors = graphql(`
  query AuditActors {
    members(first: 100) {
      edges {
        node {
          id
          user {
            id
            firstName
            lastName
          }
        }
      }
    }
  }
`);

/** The kinds of record the services write to the audit log (a hint list; any text is accepted). */
const ENTITY_TYPES = [
  "announcement",
  "building",
  "conversation",
  "delegation",
  "document",
  "document_folder",
  "entrance",
  "fault",
  "invitation",
  "message",
  "meter",
  "meter_reading",
  "organization",
  "organization_member",
  "session",
  "unit",
  "unit_ownership",
  "user",
  "vote",
];

/** Managers (audit:read): who changed what and when, newest first, narrowed by person, record and days. */
export function AuditLog() {
  const { t, format } = useI18n();
  const fields = auditFilterFromSearch(useSearch());
  const [, navigate] = useLocation();
  const { data, loading, error, fetchMore } = useQuery(AuditLogQuery, { variables: { filter: toAuditLogFilter(fields), first: PAGE_SIZE } });
  const actors = useQuery(AuditActors);
  const people = actors.data?.members.edges.map((e) => e.node.user) ?? [];
  const log = data?.auditLog;

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const value = (name: keyof AuditFilterFields) => {
      const entry = form.get(name);
      return typeof entry === "string" ? entry : "";
    };
    navigate(auditPath({ actorId: value("actorId"), entityType: value("entityType"), entityId: value("entityId"), from: value("from"), to: value("to") }));
  }

  return (
    <section>
      <h1>{t.audit.heading}</h1>
      {/* key: the form's fields start from the URL each time it changes (a link, back, clear). */}
      <form key={auditPath(fields)} className="toolbar audit-filter" onSubmit={submit}>
        <label>
          {t.audit.actor}
          <select name="actorId" defaultValue={fields.actorId}>
            <option value="">{t.audit.anyone}</option>
            {people.map((p) => (
              <option key={p.id} value={p.id}>
                {fullName(p)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t.audit.entityType}
          <input name="entityType" list="audit-entity-types" defaultValue={fields.entityType} placeholder={t.audit.anyEntity} />
          <datalist id="audit-entity-types">
            {ENTITY_TYPES.map((type) => (
              <option key={type} value={type} />
            ))}
          </datalist>
        </label>
        <label>
          {t.audit.entityId}
          <input name="entityId" defaultValue={fields.entityId} />
        </label>
        <label>
          {t.audit.from}
          <input name="from" type="date" defaultValue={fields.from} />
        </label>
        <label>
          {t.audit.to}
          <input name="to" type="date" defaultValue={fields.to} />
        </label>
        <button type="submit">{t.audit.filter}</button>
        <Link href="/audit">{t.audit.clear}</Link>
      </form>
      {error && <Refused error={error} />}
      {!log && loading && <p className="notice">{t.loading}</p>}
      {log && (
        <>
          <p className="result-count">{t.audit.count(log.totalCount)}</p>
          {log.edges.length === 0 ? (
            <p className="notice">{t.audit.none}</p>
          ) : (
            <div className="table-scroll">
              <table className="units audit">
                <thead>
                  <tr>
                    <th>{t.audit.when}</th>
                    <th>{t.audit.actor}</th>
                    <th>{t.audit.action}</th>
                    <th>{t.audit.entity}</th>
                  </tr>
                </thead>
                <tbody>
                  {log.edges.map(({ node }) => (
                    <tr key={node.id}>
                      <td>{format.dateTime(node.createdAt)}</td>
                      <td>{node.actor ? <Link href={auditPath({ ...fields, actorId: node.actor.id })}>{fullName(node.actor)}</Link> : t.audit.system}</td>
                      <td>
                        <code>{node.action}</code>
                      </td>
                      <td>
                        <Link href={auditPath({ ...fields, entityType: node.entityType })}>{node.entityType}</Link>
                        {node.entityId && (
                          <>
                            {" "}
                            <Link className="muted" href={auditPath({ ...fields, entityType: node.entityType, entityId: node.entityId })}>
                              {node.entityId.slice(0, 8)}
                            </Link>
                          </>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          <LoadMore pageInfo={log.pageInfo} loading={loading} fetchMore={fetchMore} />
        </>
      )}
    </section>
  );
}
