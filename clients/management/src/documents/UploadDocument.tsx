import { useState, type FormEvent } from "react";
import { useApolloClient, useQuery } from "@apollo/client/react";
import { useLocation, useSearch } from "wouter";
import { AudienceBuildings } from "../announcements/audience-buildings.ts";
import { formatAddress } from "../format.ts";
import { graphql } from "../generated/gql.ts";
import { useI18n } from "../i18n/I18nContext.tsx";
import { Refused } from "../Refused.tsx";
import { UploadFailed } from "@ppt/client-shared/upload";
import { DOCUMENT_ACCEPT, uploadDocumentFile } from "./document-upload.ts";

const CreateDocument = graphql(`
  mutation CreateDocument($input: CreateDocumentInput!) {
    createDocument(input: $input) {
      id
    }
  }
`);

/** Staff upload a document into the open folder (?slozka=): the file first, then the document naming it. */
export function UploadDocument() {
  const { t } = useI18n();
  const client = useApolloClient();
  const [, navigate] = useLocation();
  const folderId = new URLSearchParams(useSearch()).get("slozka");
  const { data } = useQuery(AudienceBuildings);
  const [title, setTitle] = useState("");
  const [description, setDescription] = useState("");
  const [category, setCategory] = useState("");
  const [buildingId, setBuildingId] = useState("");
  const [file, setFile] = useState<File | null>(null);
  const [sending, setSending] = useState(false);
  const [problem, setProblem] = useState<"required" | "uploadFailed" | null>(null);
  const [error, setError] = useState<unknown>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    if (!title.trim() || !file) return setProblem("required");
    setProblem(null);
    setSending(true);
    try {
      let uploadId: string;
      try {
        uploadId = await uploadDocumentFile(client, file);
      } catch (refused) {
        // A refusal of the graph (type, size) says why; a failed PUT is a transport problem.
        if (refused instanceof UploadFailed) return setProblem("uploadFailed");
        return setError(refused);
      }
      const { data: created } = await client.mutate({
        mutation: CreateDocument,
        variables: {
          input: {
            title: title.trim(),
            description: description.trim() || null,
            category: category.trim() || null,
            folderId,
            buildingId: buildingId || null,
            uploadId,
          },
        },
        refetchQueries: ["Documents"],
      });
      if (created) navigate(`/dokumenty/${created.createDocument.id}`);
    } catch (refused) {
      setError(refused);
    } finally {
      setSending(false);
    }
  }

  return (
    <section>
      <h1>{t.documents.upload}</h1>
      <form className="vote-form" onSubmit={(event) => void submit(event)}>
        <label>
          {t.documents.title}
          <input value={title} onChange={(e) => setTitle(e.target.value)} required maxLength={200} />
        </label>
        <label>
          {t.documents.description}
          <textarea value={description} onChange={(e) => setDescription(e.target.value)} rows={3} />
        </label>
        <label>
          {t.documents.category}
          <input value={category} onChange={(e) => setCategory(e.target.value)} maxLength={100} />
        </label>
        <label>
          {t.documents.building}
          <select value={buildingId} onChange={(e) => setBuildingId(e.target.value)}>
            <option value="">{t.documents.noBuilding}</option>
            {data?.buildings.edges.map(({ node }) => (
              <option key={node.id} value={node.id}>
                {formatAddress(node)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t.documents.file}
          <input type="file" accept={DOCUMENT_ACCEPT} onChange={(e) => setFile(e.target.files?.[0] ?? null)} required />
        </label>
        {problem && (
          <p className="problem" role="alert">
            {t.documents[problem]}
          </p>
        )}
        {error !== null && <Refused error={error} />}
        <button type="submit" disabled={sending}>
          {sending ? t.documents.sending : t.documents.send}
        </button>
      </form>
    </section>
  );
}
