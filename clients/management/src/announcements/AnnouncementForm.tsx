import { useState, type FormEvent } from "react";
import { useMutation, useQuery } from "@apollo/client/react";
import { useLocation } from "wouter";
import { formatAddress } from "../format.ts";
import { graphql } from "../generated/gql.ts";
import { useI18n } from "../i18n/I18nContext.tsx";
import { AudienceBuildings } from "./audience-buildings.ts";
import { Refused } from "../Refused.tsx";
import {
  createAnnouncementInput,
  emptyAnnouncementDraft,
  toLocalInput,
  type AnnouncementDraft,
  type DraftProblem,
  type PublishMode,
} from "./announcement-draft.ts";

const CreateAnnouncement = graphql(`
  mutation CreateAnnouncement($input: CreateAnnouncementInput!) {
    createAnnouncement(input: $input) {
      id
      status
    }
  }
`);

const AnnouncementForEdit = graphql(`
  query AnnouncementForEdit($id: ID!) {
    announcement(id: $id) {
      id
      title
      body
      pinned
      commentsEnabled
      expiresAt
    }
  }
`);

const UpdateAnnouncement = graphql(`
  mutation UpdateAnnouncement($id: ID!, $input: UpdateAnnouncementInput!) {
    updateAnnouncement(id: $id, input: $input) {
      id
      title
      body
      pinned
      commentsEnabled
      expiresAt
    }
  }
`);

const MODES: PublishMode[] = ["draft", "now", "schedule"];

/** Staff compose an announcement: text, audience (organization, building or entrance), and when it is published. */
export function AnnouncementForm() {
  const { t } = useI18n();
  const [, navigate] = useLocation();
  const { data } = useQuery(AudienceBuildings);
  const [create, creating] = useMutation(CreateAnnouncement, { refetchQueries: ["Announcements"] });
  const [draft, setDraft] = useState<AnnouncementDraft>(emptyAnnouncementDraft);
  const [problem, setProblem] = useState<DraftProblem | null>(null);
  const buildings = data?.buildings.edges.map((e) => e.node) ?? [];
  const building = buildings.find((b) => b.id === draft.buildingId);
  const set = (change: Partial<AnnouncementDraft>) => setDraft((d) => ({ ...d, ...change }));

  async function submit(event: FormEvent) {
    event.preventDefault();
    const built = createAnnouncementInput(draft);
    if ("problem" in built) return setProblem(built.problem);
    setProblem(null);
    const { data: created } = await create({ variables: { input: built.input } });
    if (created) navigate(`/oznamy/${created.createAnnouncement.id}`);
  }

  return (
    <section>
      <h1>{t.announcements.compose}</h1>
      <form className="vote-form" onSubmit={(event) => void submit(event).catch(() => undefined)}>
        <TextFields draft={draft} set={set} />
        <fieldset>
          <legend>{t.announcements.audience}</legend>
          <label>
            {t.announcements.building}
            <select value={draft.buildingId} onChange={(e) => set({ buildingId: e.target.value, entranceId: "" })}>
              <option value="">{t.announcements.wholeOrganization}</option>
              {buildings.map((b) => (
                <option key={b.id} value={b.id}>
                  {formatAddress(b)}
                </option>
              ))}
            </select>
          </label>
          {building && building.entrances.length > 0 && (
            <label>
              {t.announcements.entrance}
              <select value={draft.entranceId} onChange={(e) => set({ entranceId: e.target.value })}>
                <option value="">{t.announcements.wholeBuilding}</option>
                {building.entrances.map((entrance) => (
                  <option key={entrance.id} value={entrance.id}>
                    {t.buildings.entranceLabel(entrance.designation)}
                  </option>
                ))}
              </select>
            </label>
          )}
        </fieldset>
        <fieldset>
          <legend>{t.announcements.publishing}</legend>
          {MODES.map((mode) => (
            <label key={mode} className="inline">
              <input type="radio" name="mode" value={mode} checked={draft.mode === mode} onChange={() => set({ mode })} />{" "}
              {{ draft: t.announcements.draft, now: t.announcements.publishNow, schedule: t.announcements.schedule }[mode]}
            </label>
          ))}
          {draft.mode === "schedule" && (
            <label>
              {t.announcements.publishAt}
              <input type="datetime-local" value={draft.publishAt} onChange={(e) => set({ publishAt: e.target.value })} required />
            </label>
          )}
          <label>
            {t.announcements.expiresAt}
            <input type="datetime-local" value={draft.expiresAt} onChange={(e) => set({ expiresAt: e.target.value })} />
          </label>
        </fieldset>
        {problem && (
          <p className="problem" role="alert">
            {t.announcements.problems[problem]}
          </p>
        )}
        {creating.error && <Refused error={creating.error} />}
        <button type="submit" disabled={creating.loading}>
          {creating.loading ? t.announcements.saving : t.announcements.save}
        </button>
      </form>
    </section>
  );
}

function TextFields({
  draft,
  set,
}: {
  draft: Pick<AnnouncementDraft, "title" | "body" | "pinned" | "commentsEnabled">;
  set: (change: Partial<AnnouncementDraft>) => void;
}) {
  const { t } = useI18n();
  return (
    <>
      <label>
        {t.announcements.title}
        <input value={draft.title} onChange={(e) => set({ title: e.target.value })} required maxLength={200} />
      </label>
      <label>
        {t.announcements.body}
        <textarea value={draft.body} onChange={(e) => set({ body: e.target.value })} rows={8} required />
      </label>
      <label className="inline">
        <input type="checkbox" checked={draft.pinned} onChange={(e) => set({ pinned: e.target.checked })} /> {t.announcements.pinnedLabel}
      </label>
      <label className="inline">
        <input type="checkbox" checked={draft.commentsEnabled} onChange={(e) => set({ commentsEnabled: e.target.checked })} /> {t.announcements.commentsEnabled}
      </label>
    </>
  );
}

/** Staff edit what the API lets change after creation: text, pin, comments, expiry (the audience stays). */
export function EditAnnouncement({ id }: { id: string }) {
  const { t } = useI18n();
  const { data, error } = useQuery(AnnouncementForEdit, { variables: { id } });
  if (error) return <Refused error={error} />;
  if (!data?.announcement) return <p className="notice">{t.loading}</p>;
  return <EditAnnouncementForm announcement={data.announcement} />;
}

function EditAnnouncementForm({
  announcement,
}: {
  announcement: { id: string; title: string; body: string; pinned: boolean; commentsEnabled: boolean; expiresAt: string | null };
}) {
  const { t } = useI18n();
  const [, navigate] = useLocation();
  const [update, updating] = useMutation(UpdateAnnouncement);
  const [draft, setDraft] = useState<AnnouncementDraft>(() => ({
    ...emptyAnnouncementDraft(),
    ...announcement,
    expiresAt: toLocalInput(announcement.expiresAt),
  }));
  const [problem, setProblem] = useState<DraftProblem | null>(null);
  const set = (change: Partial<AnnouncementDraft>) => setDraft((d) => ({ ...d, ...change }));

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!draft.title.trim() || !draft.body.trim()) return setProblem("required");
    setProblem(null);
    await update({
      variables: {
        id: announcement.id,
        input: {
          title: draft.title.trim(),
          body: draft.body.trim(),
          pinned: draft.pinned,
          commentsEnabled: draft.commentsEnabled,
          expiresAt: draft.expiresAt ? new Date(draft.expiresAt).toISOString() : null,
        },
      },
    });
    navigate(`/oznamy/${announcement.id}`);
  }

  return (
    <section>
      <h1>{t.announcements.edit}</h1>
      <form className="vote-form" onSubmit={(event) => void submit(event).catch(() => undefined)}>
        <TextFields draft={draft} set={set} />
        <label>
          {t.announcements.expiresAt}
          <input type="datetime-local" value={draft.expiresAt} onChange={(e) => set({ expiresAt: e.target.value })} />
        </label>
        {problem && (
          <p className="problem" role="alert">
            {t.announcements.problems[problem]}
          </p>
        )}
        {updating.error && <Refused error={updating.error} />}
        <button type="submit" disabled={updating.loading}>
          {updating.loading ? t.announcements.saving : t.announcements.save}
        </button>
      </form>
    </section>
  );
}
