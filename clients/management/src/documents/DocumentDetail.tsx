import { useState } from "react";
import { useApolloClient, useMutation, useQuery } from "@apollo/client/react";
import { Link } from "wouter";
import { Fact } from "../Fact.tsx";
import { formatAddress, fullName } from "../format.ts";
import { graphql } from "../generated/gql.ts";
import { useI18n } from "../i18n/I18nContext.tsx";
import { Refused } from "../Refused.tsx";
import { usePermission } from "../session/SessionContext.tsx";
import { documentsPath } from "./document-paths.ts";
import { UploadFailed } from "@ppt/client-shared/upload";
import { DOCUMENT_ACCEPT, uploadDocumentFile } from "./document-upload.ts";
import { DocumentSharing } from "./DocumentSharing.tsx";

const DocumentDetailQuery = graphql(`
  query DocumentDetail($id: ID!) {
    document(id: $id) {
      id
      title
      description
      category
      deletedAt
      createdAt
      folder {
        id
        name
      }
      building {
        id
        street
        streetNumber
        city
      }
      createdBy {
        id
        firstName
        lastName
      }
      versions {
        id
        versionNumber
        fileName
        contentType
        sizeBytes
        createdAt
        downloadUrl
        uploadedBy {
          id
          firstName
          lastName
        }
      }
    }
  }
`);

const AddDocumentVersion = graphql(`
  mutation AddDocumentVersion($documentId: ID!, $uploadId: ID!) {
    addDocumentVersion(documentId: $documentId, uploadId: $uploadId) {
      id
      updatedAt
    }
  }
`);

const DeleteDocument = graphql(`
  mutation DeleteDocument($id: ID!) {
    deleteDocument(id: $id) {
      id
      deletedAt
    }
  }
`);

const RestoreDocument = graphql(`
  mutation RestoreDocument($id: ID!) {
    restoreDocument(id: $id) {
      id
      deletedAt
    }
  }
`);

const refetch = { refetchQueries: ["DocumentDetail", "Documents"], awaitRefetchQueries: true };

/** A document: what it is, every version (newest first, each downloadable), and for staff new versions, sharing and the trash. */
export function DocumentDetail({ id }: { id: string }) {
  const { t, format } = useI18n();
  const staff = usePermission("documents:write");
  const deletes = usePermission("documents:delete");
  const { data, loading, error } = useQuery(DocumentDetailQuery, { variables: { id } });
  const [remove, removing] = useMutation(DeleteDocument, refetch);
  const [restore, restoring] = useMutation(RestoreDocument, refetch);
  if (error) return <Refused error={error} />;
  const doc = data?.document;
  if (!doc) return loading ? <p className="notice">{t.loading}</p> : <p className="notice">{t.notFound}</p>;
  return (
    <article>
      <p>
        <Link href={documentsPath({ folderId: doc.folder?.id })}>{t.back}</Link>
      </p>
      <h1>{doc.title}</h1>
      {doc.deletedAt && <p className="notice">{t.documents.inTrash}</p>}
      {doc.description && <p>{doc.description}</p>}
      <dl className="facts">
        {doc.category && <Fact label={t.documents.category} value={doc.category} />}
        {doc.folder && <Fact label={t.documents.folders} value={doc.folder.name} />}
        {doc.building && <Fact label={t.documents.building} value={formatAddress(doc.building)} />}
        <Fact label={t.documents.uploadedBy} value={fullName(doc.createdBy)} />
      </dl>
      <h2>{t.documents.versions}</h2>
      <div className="table-scroll">
        <table className="units versions">
          <thead>
            <tr>
              <th>{t.documents.versions}</th>
              <th>{t.documents.title}</th>
              <th>{t.documents.size}</th>
              <th>{t.documents.uploadedBy}</th>
              <th>{t.audit.when}</th>
              <th>{t.documents.download}</th>
            </tr>
          </thead>
          <tbody>
            {doc.versions.map((v, index) => (
              <tr key={v.id}>
                <td>
                  {t.documents.version(v.versionNumber)} {index === 0 && <span className="badge">{t.documents.current}</span>}
                </td>
                <td>{v.fileName ?? "—"}</td>
                <td>{t.documents.bytes(v.sizeBytes)}</td>
                <td>{fullName(v.uploadedBy)}</td>
                <td>{format.dateTime(v.createdAt)}</td>
                <td>
                  <a href={v.downloadUrl} download={v.fileName ?? undefined} aria-label={t.documents.downloadVersion(v.versionNumber, v.fileName ?? doc.title)}>
                    {t.documents.download}
                  </a>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {staff && !doc.deletedAt && <NewVersion documentId={doc.id} />}
      {staff && <DocumentSharing documentId={doc.id} />}
      <p className="actions">
        {deletes && !doc.deletedAt && (
          <button className="secondary" disabled={removing.loading} onClick={() => void remove({ variables: { id } }).catch(() => undefined)}>
            {t.documents.delete}
          </button>
        )}
        {staff && doc.deletedAt && (
          <button disabled={restoring.loading} onClick={() => void restore({ variables: { id } }).catch(() => undefined)}>
            {t.documents.restore}
          </button>
        )}
      </p>
      {(removing.error ?? restoring.error) && <Refused error={removing.error ?? restoring.error} />}
    </article>
  );
}

function NewVersion({ documentId }: { documentId: string }) {
  const { t } = useI18n();
  const client = useApolloClient();
  const [file, setFile] = useState<File | null>(null);
  const [sending, setSending] = useState(false);
  const [problem, setProblem] = useState<"noFile" | "uploadFailed" | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [inputKey, setInputKey] = useState(0);

  async function send() {
    setError(null);
    if (!file) return setProblem("noFile");
    setProblem(null);
    setSending(true);
    try {
      const uploadId = await uploadDocumentFile(client, file).catch((failed: unknown) => {
        if (failed instanceof UploadFailed) setProblem("uploadFailed");
        throw failed;
      });
      await client.mutate({ mutation: AddDocumentVersion, variables: { documentId, uploadId }, ...refetch });
      setFile(null);
      setInputKey((k) => k + 1);
    } catch (refused) {
      setError(refused);
    } finally {
      setSending(false);
    }
  }

  return (
    <section>
      <h3>{t.documents.newVersion}</h3>
      <p className="toolbar document-version">
        <label>
          {t.documents.file} <input key={inputKey} type="file" accept={DOCUMENT_ACCEPT} onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
        </label>
        <button disabled={sending} onClick={() => void send()}>
          {sending ? t.documents.sending : t.documents.newVersion}
        </button>
      </p>
      {problem && (
        <p className="problem" role="alert">
          {t.documents[problem]}
        </p>
      )}
      {error !== null && problem !== "uploadFailed" && <Refused error={error} />}
    </section>
  );
}
