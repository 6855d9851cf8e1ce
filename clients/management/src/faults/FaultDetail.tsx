import { useQuery } from "@apollo/client/react";
import { Link } from "wouter";
import { isNotFound } from "../errors.ts";
import { Fact } from "../Fact.tsx";
import { formatAddress, formatDateTime, fullName } from "../format.ts";
import { graphql } from "../generated/gql.ts";
import { sk } from "../strings.ts";
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

/** One fault: what, where, who, its workflow (the moves the server allows) and its comments. */
export function FaultDetail({ id }: { id: string }) {
  const { data, loading, error } = useQuery(FaultDetailQuery, { variables: { id } });
  if (loading && !data) return <p className="notice">{sk.loading}</p>;
  const fault = data?.fault;
  if (!fault) return <p className="notice">{error && !isNotFound(error) ? sk.loadFailed : sk.notFound}</p>;
  return (
    <article>
      <Link href="/poruchy">{sk.back}</Link>
      <h1>
        {fault.title} <FaultStatusBadge status={fault.status} />
      </h1>
      <p className="description">{fault.description}</p>
      <dl className="facts">
        <Fact label={sk.faults.building} value={formatAddress(fault.building)} />
        {fault.unit?.designation && <Fact label={sk.faults.unit} value={fault.unit.designation} />}
        {fault.locationDescription && <Fact label={sk.faults.location} value={fault.locationDescription} />}
        <Fact label={sk.faults.category} value={sk.faultCategory[fault.category]} />
        <Fact label={sk.faults.priority} value={sk.faultPriority[fault.priority]} />
        <Fact label={sk.faults.reporter} value={fullName(fault.reporter)} />
        <Fact label={sk.faults.assignee} value={fault.assignee ? fullName(fault.assignee) : sk.faults.unassigned} />
        <Fact label={sk.faults.reportedAt} value={formatDateTime(fault.createdAt)} />
      </dl>
      <FaultWorkflow fault={fault} />
      <h2>{sk.faults.comments}</h2>
      {fault.comments.edges.length === 0 && <p className="notice">{sk.faults.noComments}</p>}
      <ul className="comments">
        {fault.comments.edges.map(({ node: comment }) => (
          <li key={comment.id} className={comment.isInternal ? "internal" : undefined}>
            <strong>{fullName(comment.author)}</strong> <span className="muted">{formatDateTime(comment.createdAt)}</span>
            {comment.isInternal && <span className="badge">{sk.faults.internal}</span>}
            <p>{comment.body}</p>
          </li>
        ))}
      </ul>
    </article>
  );
}
