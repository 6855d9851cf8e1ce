import { useState, type FormEvent } from "react";
import { useMutation, useQuery } from "@apollo/client/react";
import { Link, useLocation, useSearch } from "wouter";
import { graphql } from "../generated/gql.ts";
import { LoadMore } from "../LoadMore.tsx";
import { useI18n } from "../i18n/I18nContext.tsx";
import { Refused } from "../Refused.tsx";
import { usePermission } from "../session/SessionContext.tsx";
import { documentsPath } from "./document-paths.ts";

const PAGE_SIZE = 20;

const DocumentFolders = graphql(`
  query DocumentFolders($parentId: ID, $first: Int!, $after: String) {
    documentFolders(parentId: $parentId, first: $first, after: $after) {
      totalCount
      edges {
        cursor
        node {
          id
          name
          parent {
            id
            name
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

const Documents = graphql(`
  query Documents($filter: DocumentFilter, $first: Int!, $after: String) {
    documents(filter: $filter, first: $first, after: $after) {
      totalCount
      edges {
        cursor
        node {
          id
          title
          category
          updatedAt
          folder {
            id
            name
          }
          currentVersion {
            id
            versionNumber
            fileName
            sizeBytes
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

const CreateDocumentFolder = graphql(`
  mutation CreateDocumentFolder($input: CreateDocumentFolderInput!) {
    createDocumentFolder(input: $input) {
      id
      name
    }
  }
`);

/**
 * The document library: a folder's subfolders and documents (?slozka=<id>, the top level
 * without), a title search (?hladat=), and for staff the trash (?kos=1), new folders and uploads.
 */
export function DocumentLibrary() {
  const { t, format } = useI18n();
  const params = new URLSearchParams(useSearch());
  const folderId = params.get("slozka");
  const search = params.get("hladat") ?? "";
  const trash = params.get("kos") === "1";
  const staff = usePermission("documents:write");
  const [, navigate] = useLocation();
  const folders = useQuery(DocumentFolders, { variables: { parentId: folderId, first: 100 }, skip: trash || Boolean(search) });
  const documents = useQuery(Documents, {
    variables: {
      filter: { ...(search ? { search } : { folderId }), ...(trash ? { deleted: true } : {}) },
      first: PAGE_SIZE,
    },
  });
  const list = documents.data?.documents;
  // There is no single-folder query: the open folder's name comes from what is listed in it.
  const parent = folders.data?.documentFolders.edges[0]?.node.parent ?? (folderId ? (list?.edges[0]?.node.folder ?? null) : null);
  return (
    <section>
      <h1>{trash ? t.documents.trash : t.documents.heading}</h1>
      <nav className="actions" aria-label={t.documents.folders}>
        {(folderId || trash || search) && <Link href={documentsPath({})}>{t.documents.root}</Link>}
        {parent && <strong>{parent.name}</strong>}
        {staff && !trash && <Link href={documentsPath({ folderId, upload: true })}>{t.documents.upload}</Link>}
        {staff && !trash && <Link href={documentsPath({ trash: true })}>{t.documents.trash}</Link>}
      </nav>
      <form
        className="search"
        role="search"
        onSubmit={(event) => {
          event.preventDefault();
          const value = new FormData(event.currentTarget).get("hladat");
          navigate(documentsPath({ search: typeof value === "string" ? value.trim() : "" }));
        }}
      >
        <label>
          {t.documents.search} <input name="hladat" type="search" defaultValue={search} />
        </label>
      </form>
      {!trash && !search && (
        <>
          <h2>{t.documents.folders}</h2>
          {folders.data && folders.data.documentFolders.edges.length === 0 && <p className="muted">{t.documents.noFolders}</p>}
          <ul className="rows folders">
            {folders.data?.documentFolders.edges.map(({ node }) => (
              <li key={node.id}>
                <Link href={documentsPath({ folderId: node.id })}>📁 {node.name}</Link>
              </li>
            ))}
          </ul>
          {staff && <NewFolder parentId={folderId} />}
        </>
      )}
      {(documents.error ?? folders.error) && <p className="problem">{t.loadFailed}</p>}
      {!list && documents.loading && <p className="notice">{t.loading}</p>}
      {list && (
        <>
          <p className="result-count">{t.documents.count(list.totalCount)}</p>
          {list.edges.length === 0 ? (
            <p className="notice">{t.documents.none}</p>
          ) : (
            <ul className="rows documents">
              {list.edges.map(({ node }) => (
                <li key={node.id}>
                  <Link href={`/dokumenty/${node.id}`}>
                    <strong>{node.title}</strong>
                  </Link>
                  <span className="muted">
                    {[
                      node.category,
                      search && node.folder ? node.folder.name : null,
                      node.currentVersion
                        ? `${t.documents.version(node.currentVersion.versionNumber)} · ${node.currentVersion.fileName ?? ""} · ${t.documents.bytes(node.currentVersion.sizeBytes)}`
                        : null,
                      format.dateTime(node.updatedAt),
                    ]
                      .filter(Boolean)
                      .join(" · ")}
                  </span>
                </li>
              ))}
            </ul>
          )}
          <LoadMore pageInfo={list.pageInfo} loading={documents.loading} fetchMore={documents.fetchMore} />
        </>
      )}
    </section>
  );
}

function NewFolder({ parentId }: { parentId: string | null }) {
  const { t } = useI18n();
  const [name, setName] = useState("");
  const [create, creating] = useMutation(CreateDocumentFolder, { refetchQueries: ["DocumentFolders"] });
  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!name.trim()) return;
    await create({ variables: { input: { name: name.trim(), parentId } } });
    setName("");
  }
  return (
    <form className="toolbar" onSubmit={(event) => void submit(event).catch(() => undefined)}>
      <label>
        {t.documents.folderName} <input value={name} onChange={(e) => setName(e.target.value)} required maxLength={200} />
      </label>
      <button type="submit" disabled={creating.loading}>
        {t.documents.createFolder}
      </button>
      {creating.error && <Refused error={creating.error} />}
    </form>
  );
}
