import { useQuery, useSubscription } from "@apollo/client/react";
import { Link } from "wouter";
import { isNotFound } from "@ppt/client-shared";
import { Fact } from "../Fact.tsx";
import { formatAddress, fullName } from "../format.ts";
import { graphql } from "../generated/gql.ts";
import { useI18n } from "../i18n/I18nContext.tsx";
import { FaultUpdated } from "./BuildingFaults.tsx";
import { FaultStatusBadge } from "./FaultRows.tsx";
import { FaultWorkflow } from "./FaultWorkflow.tsx";

const FaultDetailQuery = graphql(`
  query FaultDetail($id: ID!) {
    fault(id: $id) {
      id
      title
      description
      category
      priority
      status
      locationDescription
      createdAt
      building {
        id
        street
        streetNumber
        city
      }
      unit {
        id
        designation
      }
      reporter {
        id
        firstName
        lastName
      }
      assignee {
        id
        firstName
        lastName
      }
      ...FaultWorkflow
      comments(first: 100) {
        edges {
          node {
            id
            body
            isInternal
            createdAt
            author {
              id
              firstName
              lastName
            }
          }
        }
      }
    }
  }
`);

/**
 * One fault: what, where, who, its workflow (the moves the server allows) and its comments, kept
 * live: an event about this fault (its building's faultUpdated) re-reads it, history included.
 */
export function FaultDetail({ id }: { id: string }) {
  const { t, format } = useI18n();
  const { data, loading, error, refetch } = useQuery(FaultDetailQuery, { variables: { id } });
  const buildingId = data?.fault?.building.id;
  useSubscription(FaultUpdated, {
    variables: { buildingId: buildingId ?? "" },
    skip: !buildingId,
    onData: ({ data: event }) => {
      if (event.data?.faultUpdated.faultId === id) void refetch();
    },
  });
  if (loading && !data) return <p className="notice">{t.loading}</p>;
  const fault = data?.fault;
  if (!fault) return <p className="notice">{error && !isNotFound(error) ? t.loadFailed : t.notFound}</p>;
  return (
    <article>
      <Link href="/poruchy">{t.back}</Link>
      <h1>
        {fault.title} <FaultStatusBadge status={fault.status} />
      </h1>
      <p className="live" aria-live="polite">
        ● {t.buildings.live}
      </p>
      <p className="description">{fault.description}</p>
      <dl className="facts">
        <Fact label={t.faults.building} value={formatAddress(fault.building)} />
        {fault.unit?.designation && <Fact label={t.faults.unit} value={fault.unit.designation} />}
        {fault.locationDescription && <Fact label={t.faults.location} value={fault.locationDescription} />}
        <Fact label={t.faults.category} value={t.faultCategory[fault.category]} />
        <Fact label={t.faults.priority} value={t.faultPriority[fault.priority]} />
        <Fact label={t.faults.reporter} value={fullName(fault.reporter)} />
        <Fact label={t.faults.assignee} value={fault.assignee ? fullName(fault.assignee) : t.faults.unassigned} />
        <Fact label={t.faults.reportedAt} value={format.dateTime(fault.createdAt)} />
      </dl>
      <FaultWorkflow fault={fault} />
      <h2>{t.faults.comments}</h2>
      {fault.comments.edges.length === 0 && <p className="notice">{t.faults.noComments}</p>}
      <ul className="comments">
        {fault.comments.edges.map(({ node: comment }) => (
          <li key={comment.id} className={comment.isInternal ? "internal" : undefined}>
            <strong>{fullName(comment.author)}</strong> <span className="muted">{format.dateTime(comment.createdAt)}</span>
            {comment.isInternal && <span className="badge">{t.faults.internal}</span>}
            <p>{comment.body}</p>
          </li>
        ))}
      </ul>
    </article>
  );
}
