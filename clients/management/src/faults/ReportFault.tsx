import { useState, type FormEvent } from "react";
import { useApolloClient, useQuery } from "@apollo/client/react";
import { useLocation } from "wouter";
import { MyHome, ReportFault as ReportFaultMutation, type FaultCategory } from "@ppt/client-shared/operations";
import { uploadFile } from "@ppt/client-shared/upload";
import { formatAddress } from "../format.ts";
import { useI18n } from "../i18n/I18nContext.tsx";
import { sk } from "../i18n/sk.ts";
import { Refused } from "../Refused.tsx";

const CATEGORIES = Object.keys(sk.faultCategory) as FaultCategory[];

/**
 * A resident's or owner's fault report, with photos: on a phone the file input opens the camera
 * (`capture`), elsewhere it picks files. Each photo goes to object storage on a presigned PUT and
 * is confirmed before the report names it. The report carries an idempotency key made once per
 * form, so a double submit (or a retry after a lost answer) creates one fault.
 */
export function ReportFault() {
  const { t } = useI18n();
  const client = useApolloClient();
  const [, navigate] = useLocation();
  const { data } = useQuery(MyHome);
  const [buildingId, setBuildingId] = useState("");
  const [unitId, setUnitId] = useState("");
  const [title, setTitle] = useState("");
  const [description, setDescription] = useState("");
  const [category, setCategory] = useState<FaultCategory>("OTHER");
  const [location, setLocation] = useState("");
  const [photos, setPhotos] = useState<File[]>([]);
  const [idempotencyKey] = useState(() => crypto.randomUUID());
  const [sending, setSending] = useState(false);
  const [problem, setProblem] = useState<"required" | "uploadFailed" | null>(null);
  const [error, setError] = useState<unknown>(null);
  const buildings = data?.buildings.edges.map((edge) => edge.node) ?? [];
  const building = buildings.find((b) => b.id === (buildingId || buildings[0]?.id));

  const upload = (file: File) => uploadFile(client, "FAULT_ATTACHMENT", file, { fileName: file.name, contentType: file.type || "image/jpeg" });

  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    if (!building || !title.trim() || !description.trim()) return setProblem("required");
    setProblem(null);
    setSending(true);
    try {
      let attachmentUploadIds: string[];
      try {
        attachmentUploadIds = await Promise.all(photos.map(upload));
      } catch {
        return setProblem("uploadFailed");
      }
      const { data: reported } = await client.mutate({
        mutation: ReportFaultMutation,
        variables: {
          input: {
            buildingId: building.id,
            unitId: unitId || null,
            title: title.trim(),
            description: description.trim(),
            category,
            locationDescription: location.trim() || null,
            attachmentUploadIds,
          },
          idempotencyKey,
        },
        refetchQueries: ["Faults", "MyFaults"],
      });
      if (reported) navigate(`/poruchy/${reported.reportFault.id}`);
    } catch (refused) {
      setError(refused);
    } finally {
      setSending(false);
    }
  }

  return (
    <section>
      <h1>{t.report.heading}</h1>
      <form className="vote-form" onSubmit={(event) => void submit(event)}>
        <label>
          {t.report.building}
          <select value={building?.id ?? ""} onChange={(e) => (setBuildingId(e.target.value), setUnitId(""))} required>
            {buildings.length === 0 && <option value="">{t.report.chooseBuilding}</option>}
            {buildings.map((b) => (
              <option key={b.id} value={b.id}>
                {formatAddress(b)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t.report.unit}
          <select value={unitId} onChange={(e) => setUnitId(e.target.value)}>
            <option value="">{t.report.noUnit}</option>
            {building?.units.map((unit) => (
              <option key={unit.id} value={unit.id}>
                {unit.designation}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t.report.title}
          <input value={title} onChange={(e) => setTitle(e.target.value)} required maxLength={200} />
        </label>
        <label>
          {t.report.description}
          <textarea value={description} onChange={(e) => setDescription(e.target.value)} rows={4} required />
        </label>
        <label>
          {t.report.category}
          <select value={category} onChange={(e) => setCategory(e.target.value as FaultCategory)}>
            {CATEGORIES.map((c) => (
              <option key={c} value={c}>
                {t.faultCategory[c]}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t.report.location}
          <input value={location} onChange={(e) => setLocation(e.target.value)} />
        </label>
        <label>
          {t.report.photos}
          <input type="file" accept="image/jpeg,image/png,image/webp" capture="environment" multiple onChange={(e) => setPhotos([...(e.target.files ?? [])])} />
        </label>
        {photos.length > 0 && <p className="muted">{t.report.photoCount(photos.length)}</p>}
        {problem && (
          <p className="problem" role="alert">
            {t.report[problem]}
          </p>
        )}
        {error !== null && <Refused error={error} />}
        <button type="submit" disabled={sending}>
          {sending ? t.report.sending : t.report.send}
        </button>
      </form>
    </section>
  );
}
