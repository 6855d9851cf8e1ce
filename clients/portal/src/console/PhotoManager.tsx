import { useState, type ChangeEvent } from "react";
import { useApolloClient } from "@apollo/client/react";
import { attempt } from "@ppt/client-shared";
import { useI18n } from "../i18n/I18nContext.tsx";
import { useSubmit } from "../use-submit.ts";
import { ConfirmPhoto, ConsoleListing, RemovePhoto, ReorderPhotos, RequestPhotoUpload } from "./operations.ts";

interface Photo {
  id: string;
  url: string;
  caption: string | null;
}

/**
 * A listing's photos: upload (the API hands out a presigned URL, the browser PUTs the file there
 * directly, then the API checks it), reorder, choose the cover (the first photo) and remove.
 */
export function PhotoManager({ listingId, photos }: { listingId: string; photos: Photo[] }) {
  const { t } = useI18n();
  const client = useApolloClient();
  const [uploading, setUploading] = useState(0);
  const { problem, setProblem, busy, run } = useSubmit((m) => m.console.photos.refused);
  const refetch = { refetchQueries: [{ query: ConsoleListing, variables: { id: listingId } }], awaitRefetchQueries: true };

  async function upload(file: File) {
    const requested = await client.mutate({
      mutation: RequestPhotoUpload,
      variables: { listingId, input: { fileName: file.name, contentType: file.type, size: file.size } },
    });
    const ticket = requested.data!.requestListingPhotoUpload;
    const put = await fetch(ticket.uploadUrl, {
      method: "PUT",
      headers: Object.fromEntries(ticket.uploadHeaders.map((h) => [h.name, h.value])),
      body: file,
    });
    // The storage refusing the PUT reads as a failed transfer (code NETWORK) to the form.
    if (!put.ok) throw new Error(`Upload refused: ${put.status}`);
    await client.mutate({ mutation: ConfirmPhoto, variables: { photoId: ticket.photo.id }, ...refetch });
  }

  async function choose(event: ChangeEvent<HTMLInputElement>) {
    const files = [...(event.target.files ?? [])];
    event.target.value = "";
    setUploading(files.length);
    for (const file of files) {
      const ok = await run(() => attempt(() => upload(file)));
      if (!ok) break;
      setUploading((n) => n - 1);
    }
    setUploading(0);
  }

  function reorder(ids: string[]) {
    void run(() => attempt(() => client.mutate({ mutation: ReorderPhotos, variables: { listingId, photoIds: ids }, ...refetch })));
  }
  function move(index: number, by: number) {
    const ids = photos.map((p) => p.id);
    const [moved] = ids.splice(index, 1);
    ids.splice(index + by, 0, moved!);
    reorder(ids);
  }

  return (
    <section className="photo-manager">
      <h3>{t.console.photos.heading}</h3>
      {photos.length === 0 && <p className="notice">{t.console.photos.none}</p>}
      <ol className="photo-grid">
        {photos.map((photo, index) => (
          <li key={photo.id}>
            <img src={photo.url} alt={photo.caption ?? t.console.photos.photo(index + 1)} width={160} height={120} />
            {index === 0 ? (
              <span className="badge">{t.console.photos.cover}</span>
            ) : (
              <button type="button" className="secondary" disabled={busy} onClick={() => move(index, -index)}>
                {t.console.photos.makeCover}
              </button>
            )}
            <button type="button" className="secondary" disabled={busy || index === 0} onClick={() => move(index, -1)} aria-label={t.console.photos.earlier}>
              ↑
            </button>
            <button
              type="button"
              className="secondary"
              disabled={busy || index === photos.length - 1}
              onClick={() => move(index, 1)}
              aria-label={t.console.photos.later}
            >
              ↓
            </button>
            <button
              type="button"
              className="secondary"
              disabled={busy}
              onClick={() => void run(() => attempt(() => client.mutate({ mutation: RemovePhoto, variables: { photoId: photo.id }, ...refetch })))}
            >
              {t.console.photos.remove}
            </button>
          </li>
        ))}
      </ol>
      <label>
        {t.console.photos.add}
        <input
          type="file"
          accept="image/jpeg,image/png,image/webp"
          multiple
          disabled={busy}
          onChange={(e) => {
            setProblem(null);
            void choose(e);
          }}
        />
      </label>
      {uploading > 0 && (
        <p className="notice" role="status">
          {t.console.photos.uploading(uploading)}
        </p>
      )}
      {problem && (
        <p className="problem" role="alert">
          {problem}
        </p>
      )}
    </section>
  );
}
