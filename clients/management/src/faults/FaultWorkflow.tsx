import { useMutation } from "@apollo/client/react";
import { getFragmentData, type FragmentType } from "../generated/fragment-masking.ts";
import { graphql } from "../generated/gql.ts";
import type { FaultStatus } from "../generated/graphql.ts";
import { fullName } from "../format.ts";
import { useI18n } from "../i18n/I18nContext.tsx";
import { Refused } from "../Refused.tsx";
import { FaultStatusBadge } from "./FaultRows.tsx";

export const FaultWorkflowFields = graphql(`
  fragment FaultWorkflow on Fault {
    id
    status
    allowedTransitions
    statusHistory {
      id
      toStatus
      note
      createdAt
      changedBy {
        id
        firstName
        lastName
      }
    }
  }
`);

const ChangeFaultStatus = graphql(`
  mutation ChangeFaultStatus($id: ID!, $status: FaultStatus!) {
    changeFaultStatus(id: $id, status: $status) {
      id
      ...FaultWorkflow
    }
  }
`);

/**
 * The moves the server allows this caller next (allowedTransitions), and the history so far.
 * The mutation answers with the same fields, so the cache updates every screen showing the fault.
 */
export function FaultWorkflow(props: { fault: FragmentType<typeof FaultWorkflowFields> }) {
  const { t, format } = useI18n();
  const fault = getFragmentData(FaultWorkflowFields, props.fault);
  const [changeStatus, change] = useMutation(ChangeFaultStatus);
  const move = (status: FaultStatus) => void changeStatus({ variables: { id: fault.id, status } }).catch(() => undefined);
  return (
    <>
      {fault.allowedTransitions.length > 0 && (
        <p className="actions">
          {t.faults.moveTo}:{" "}
          {fault.allowedTransitions.map((status) => (
            <button key={status} className="secondary" disabled={change.loading} onClick={() => move(status)}>
              {t.faultStatus[status]}
            </button>
          ))}
        </p>
      )}
      {change.error && <Refused error={change.error} />}
      <h2>{t.faults.history}</h2>
      <ol className="timeline">
        {fault.statusHistory.map((step) => (
          <li key={step.id}>
            <FaultStatusBadge status={step.toStatus} /> {format.dateTime(step.createdAt)} · {fullName(step.changedBy)}
            {step.note && <span className="muted"> – {step.note}</span>}
          </li>
        ))}
      </ol>
    </>
  );
}
