// The communication screens against the real gateway, subgraphs, PostgreSQL and object storage,
// rendered on the server as a signed-in person gets them: announcements composed through the
// form's rules and read (with a read state) by an owner of the addressed entrance only; documents
// uploaded through the presigned flow, versioned, downloaded and shared; the audit log filtered
// by actor, record and days, refused to a resident — every text in the reader's language.
import { renderToString } from "react-dom/server";
import { ApolloProvider } from "@apollo/client/react";
import { prerenderStatic } from "@apollo/client/react/ssr";
import { Router } from "wouter";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Locale } from "@ppt/client-shared";
import { MarkAnnouncementRead } from "@ppt/client-shared/operations";
import { addMember, addOwnership, createBuilding, createOrganization, createUnit, createUser } from "@ppt/testing/fixtures";
import { startStack, type Stack } from "@ppt/testing/stack";
import { App } from "./App.tsx";
import { createManagementClient } from "./apollo.ts";
import { createAnnouncementInput, emptyAnnouncementDraft } from "./announcements/announcement-draft.ts";
import { auditPath, toAuditLogFilter } from "./audit/audit-filter.ts";
import { shareInput } from "./documents/document-share.ts";
import { uploadDocumentFile } from "./documents/document-upload.ts";
import {
  AddDocumentVersionDocument,
  CreateAnnouncementDocument,
  CreateDocumentDocument,
  CreateDocumentFolderDocument,
  DocumentSharesDocument,
  ShareDocumentDocument,
  UnshareDocumentDocument,
} from "./generated/graphql.ts";
import { I18nProvider } from "./i18n/I18nContext.tsx";
import { createTokenStore } from "./session/session.ts";
import { SessionProvider } from "./session/SessionContext.tsx";

let stack: Stack;
let managerToken: string;
let ownerToken: string;
let neighbourToken: string;
let managerId: string;
let buildingId: string;
const ids = { orgWide: "", entrance: "", scheduled: "", draft: "", folder: "", document: "" };

const clientFor = (token: string) =>
  createManagementClient({ uri: stack.gateway.url, tokens: createTokenStore({ initial: { accessToken: token, refreshToken: null, expiresAt: null } }) });

async function render(path: string, token: string, search = "", locale: Locale = "sk") {
  const tokens = createTokenStore({ initial: { accessToken: token, refreshToken: null, expiresAt: null } });
  const client = createManagementClient({ uri: stack.gateway.url, tokens, ssrMode: true });
  const tree = (
    <I18nProvider initial={locale}>
      <ApolloProvider client={client}>
        <SessionProvider tokens={tokens}>
          <Router ssrPath={path} ssrSearch={search}>
            <App />
          </Router>
        </SessionProvider>
      </ApolloProvider>
    </I18nProvider>
  );
  const { result } = await prerenderStatic({ tree, renderFunction: renderToString });
  return result.replace(/<!-- -->/g, "").replace(/&amp;/g, "&");
}

const pdf = (text: string) => new File([`%PDF-1.4\n% ${text}\n%%EOF\n`], `${text}.pdf`, { type: "application/pdf" });

beforeAll(async () => {
  stack = await startStack();
  const db = stack.owner.prisma;
  const org = await createOrganization(db, "SVB Lipová 3");
  const building = await createBuilding(db, org.id, "Žilina", "Lipová", "3");
  buildingId = building.id;
  const [entranceA, entranceB] = await Promise.all(
    ["A", "B"].map((designation) => db.entrance.create({ data: { organizationId: org.id, buildingId: building.id, designation } })),
  );
  const [unitA, unitB] = await Promise.all([createUnit(db, org.id, building.id, "1", 1), createUnit(db, org.id, building.id, "2", 1)]);
  await db.unit.update({ where: { id: unitA.id }, data: { entranceId: entranceA!.id } });
  await db.unit.update({ where: { id: unitB.id }, data: { entranceId: entranceB!.id } });
  const [manager, owner, neighbour] = await Promise.all([
    createUser(db, "Mária", "Správna"),
    createUser(db, "Oto", "Vlastník"),
    createUser(db, "Nina", "Susedová"),
  ]);
  managerId = manager.id;
  for (const user of [manager, owner, neighbour]) await addMember(db, org.id, user.id);
  await addOwnership(db, org.id, unitA.id, owner.id);
  await addOwnership(db, org.id, unitB.id, neighbour.id);
  managerToken = await stack.tokenFor(manager.id, org.id, ["manager"]);
  ownerToken = await stack.tokenFor(owner.id, org.id, ["owner"]);
  neighbourToken = await stack.tokenFor(neighbour.id, org.id, ["owner"]);

  // Announcements composed as the form composes them.
  const manage = clientFor(managerToken);
  const compose = async (change: Partial<ReturnType<typeof emptyAnnouncementDraft>>) => {
    const built = createAnnouncementInput({ ...emptyAnnouncementDraft(), ...change });
    if (!("input" in built)) throw new Error(built.problem);
    const { data } = await manage.mutate({ mutation: CreateAnnouncementDocument, variables: { input: built.input } });
    return data!.createAnnouncement.id;
  };
  ids.orgWide = await compose({ title: "Odpočet vodomerov", body: "V pondelok od 8:00.", mode: "now", pinned: true });
  ids.entrance = await compose({ title: "Upratovanie vchodu A", body: "Vo štvrtok.", mode: "now", buildingId: building.id, entranceId: entranceA!.id });
  ids.scheduled = await compose({ title: "Budúca schôdza", body: "O mesiac.", mode: "schedule", publishAt: "2099-01-01T10:00" });
  ids.draft = await compose({ title: "Rozpísaný koncept", body: "Ešte nie." });
}, 120_000);

afterAll(async () => {
  await stack?.stop();
});

describe("announcements", () => {
  it("checks the compose form's rules before anything is sent", () => {
    const now = new Date("2026-06-01T12:00:00Z");
    const draft = { ...emptyAnnouncementDraft(), title: "Oznam", body: "Text" };
    expect(createAnnouncementInput({ ...draft, title: "  " }, now)).toEqual({ problem: "required" });
    expect(createAnnouncementInput({ ...draft, mode: "schedule" }, now)).toEqual({ problem: "publishAtMissing" });
    expect(createAnnouncementInput({ ...draft, mode: "schedule", publishAt: "2020-01-01T10:00" }, now)).toEqual({ problem: "publishAtPast" });
    expect(createAnnouncementInput({ ...draft, mode: "now", expiresAt: "2020-01-01T10:00" }, now)).toEqual({ problem: "expiresBeforePublish" });
    // An entrance without its building is no audience: the building decides.
    const built = createAnnouncementInput({ ...draft, entranceId: "e1", mode: "now" }, now);
    expect(built).toMatchObject({ input: { buildingId: null, entranceId: null, publish: true, publishAt: null } });
  });

  it("shows an owner what is addressed to their entrance, pinned first and unread; nothing scheduled or drafted", async () => {
    const html = await render("/oznamy", ownerToken);
    expect(html).toContain("<h1>Oznamy</h1>");
    expect(html).toContain("2 oznamy");
    expect(html.indexOf("Odpočet vodomerov")).toBeLessThan(html.indexOf("Upratovanie vchodu A"));
    expect(html).toContain("Lipová 3, Žilina · Vchod A");
    expect(html).toContain("Celé spoločenstvo");
    expect(html.match(/>Neprečítané</g)).toHaveLength(2);
    for (const hidden of ["Budúca schôdza", "Rozpísaný koncept", "Nový oznam"]) expect(html).not.toContain(hidden);
    // The neighbour in entrance B gets only the organization-wide one.
    const neighbour = await render("/oznamy", neighbourToken);
    expect(neighbour).toContain("1 oznam");
    expect(neighbour).not.toContain("Upratovanie vchodu A");
  });

  it("marks an announcement read for the owner only, and lists just the unread ones on request", async () => {
    const { data } = await clientFor(ownerToken).mutate({ mutation: MarkAnnouncementRead, variables: { id: ids.orgWide } });
    expect(data?.markAnnouncementRead.readByMe).toBe(true);
    const detail = await render(`/oznamy/${ids.orgWide}`, ownerToken);
    expect(detail).toContain("V pondelok od 8:00.");
    expect(detail).toContain("Mária Správna");
    expect(detail).not.toContain("Označiť ako prečítané");
    const list = await render("/oznamy", ownerToken);
    expect(list.match(/>Neprečítané</g)).toHaveLength(1);
    expect(list).toMatch(/Odpočet vodomerov.*?>Prečítané</);
    expect(list.match(/>Označiť ako prečítané</g)).toHaveLength(1);
    const unread = await render("/oznamy", ownerToken, "neprecitane=1");
    expect(unread).toContain("1 oznam");
    expect(unread).toContain("Upratovanie vchodu A");
    expect(unread).not.toContain("Odpočet vodomerov");
    expect(await render("/oznamy", neighbourToken, "neprecitane=1")).toContain("Odpočet vodomerov");
  });

  it("shows staff every announcement with its state and the actions the API allows, in English too", async () => {
    const html = await render("/oznamy", managerToken);
    expect(html).toContain("4 oznamy");
    expect(html).toMatch(/Budúca schôdza.*Naplánovaný/);
    expect(html).toMatch(/Rozpísaný koncept.*Koncept/);
    expect(html).toContain('href="/oznamy/novy"');
    const draft = await render(`/oznamy/${ids.draft}`, managerToken, "", "en");
    expect(draft).toContain(">Publish now</button>");
    expect(draft).toContain(">Unpublish</button>");
    expect(draft).toContain("Schedule publication");
    expect(draft).toContain("The whole organization");
    expect(draft).not.toMatch(/Oznamy|Zverejniť|Koncept/);
  });

  it("renders an announcement hidden from the owner as the server's NOT_FOUND, in the owner's language", async () => {
    expect(await render(`/oznamy/${ids.scheduled}`, ownerToken)).toContain("Hľadaný záznam neexistuje alebo k nemu nemáte prístup.");
    expect(await render(`/oznamy/${ids.entrance}`, neighbourToken, "", "en")).toContain("This record does not exist or you have no access to it.");
  });
});

describe("documents", () => {
  it("uploads a document into a folder through the presigned flow, adds a version, and lists both versions with downloads", async () => {
    const manage = clientFor(managerToken);
    const folder = await manage.mutate({ mutation: CreateDocumentFolderDocument, variables: { input: { name: "Zmluvy" } } });
    ids.folder = folder.data!.createDocumentFolder.id;
    const first = await uploadDocumentFile(manage, pdf("zmluva-v1"));
    const created = await manage.mutate({
      mutation: CreateDocumentDocument,
      variables: { input: { title: "Zmluva o výkone správy", folderId: ids.folder, category: "Zmluvy", uploadId: first } },
    });
    ids.document = created.data!.createDocument.id;
    const second = await uploadDocumentFile(manage, pdf("zmluva-v2"));
    await manage.mutate({ mutation: AddDocumentVersionDocument, variables: { documentId: ids.document, uploadId: second } });

    const library = await render("/dokumenty", managerToken);
    expect(library).toContain(`href="/dokumenty?slozka=${ids.folder}"`);
    expect(library).toContain("Zmluvy");
    const inFolder = await render("/dokumenty", managerToken, `slozka=${ids.folder}`);
    expect(inFolder).toContain("1 dokument");
    expect(inFolder).toContain("Zmluva o výkone správy");
    expect(inFolder).toContain("Verzia 2 · zmluva-v2.pdf");

    const detail = await render(`/dokumenty/${ids.document}`, managerToken);
    expect(detail).toContain('Verzia 2 <span class="badge">aktuálna</span>');
    expect(detail).toContain("zmluva-v1.pdf");
    expect(detail).toContain('aria-label="Stiahnuť verziu 1: zmluva-v1.pdf"');
    expect(detail).toContain("Dokument vidia len správcovia.");
    const firstDownload = /href="([^"]+)" download="zmluva-v1.pdf"/.exec(detail)![1]!;
    expect(await (await fetch(firstDownload)).text()).toContain("% zmluva-v1");
  });

  it("shows a resident a document only once it is shared with their building", async () => {
    expect(await render(`/dokumenty/${ids.document}`, ownerToken)).toContain("Hľadaný záznam neexistuje");
    expect(await render("/dokumenty", ownerToken, "hladat=zmluva")).toContain("0 dokumentov");
    const shared = await stack.query(
      `mutation($id: ID!, $b: ID!) { shareDocument(documentId: $id, input: { buildingId: $b }) { id } }`,
      { id: ids.document, b: buildingId },
      managerToken,
    );
    expect(shared.errors).toBeUndefined();
    const html = await render(`/dokumenty/${ids.document}`, ownerToken);
    expect(html).toContain("<h1>Zmluva o výkone správy</h1>");
    expect(html).not.toContain("Zdieľanie");
    expect(html).not.toContain("Nahrať novú verziu");
    expect(await render(`/dokumenty/${ids.document}`, managerToken)).toContain("Obyvatelia budovy Lipová 3, Žilina");
  });

  it("shares a document with one member picked by name, lists the share, and revokes it", async () => {
    const manage = clientFor(managerToken);
    const created = await manage.mutate({
      mutation: CreateDocumentDocument,
      variables: { input: { title: "Osobné vyúčtovanie", uploadId: await uploadDocumentFile(manage, pdf("vyuctovanie")) } },
    });
    const documentId = created.data!.createDocument.id;
    const page = await render(`/dokumenty/${documentId}`, managerToken);
    const picked = /<option value="([^"]+)">Nina Susedová \(/.exec(page)?.[1];
    expect(picked).toBeDefined();
    const input = shareInput(picked!);
    expect(input).not.toBeNull();
    await manage.mutate({ mutation: ShareDocumentDocument, variables: { documentId, input: input! } });

    const shared = await render(`/dokumenty/${documentId}`, managerToken);
    expect(shared).toContain("<span>Osoba: Nina Susedová</span>");
    expect(shared).toContain('aria-label="Zrušiť zdieľanie: Osoba: Nina Susedová"');
    expect(await render(`/dokumenty/${documentId}`, neighbourToken)).toContain("<h1>Osobné vyúčtovanie</h1>");
    expect(await render(`/dokumenty/${documentId}`, ownerToken)).toContain("Hľadaný záznam neexistuje");

    const shares = await manage.query({ query: DocumentSharesDocument, variables: { id: documentId }, fetchPolicy: "network-only" });
    const [only] = shares.data!.document!.shares;
    await manage.mutate({ mutation: UnshareDocumentDocument, variables: { shareId: only!.id } });
    expect(await render(`/dokumenty/${documentId}`, managerToken)).toContain("Dokument vidia len správcovia.");
    expect(await render(`/dokumenty/${documentId}`, neighbourToken)).toContain("Hľadaný záznam neexistuje");
  });
});

describe("audit log", () => {
  it("lists what happened, narrowed by the kind of record, the actor and the days, with the API's count", async () => {
    const announcements = await render("/audit", managerToken, auditPath({ entityType: "announcement" }).split("?")[1]);
    expect(announcements).toContain("<h1>Záznam zmien</h1>");
    expect(announcements).toContain("announcement.published");
    expect(announcements).toContain("announcement.scheduled");
    expect(announcements).not.toContain("document.created");
    const count = Number(/(\d+) záznam/.exec(announcements)![1]);
    expect(count).toBeGreaterThanOrEqual(4);

    const byManager = await render("/audit", managerToken, `kto=${managerId}&druh=document`);
    expect(byManager).toContain("document.created");
    expect(byManager).toContain("Mária Správna");
    expect(byManager).not.toContain("announcement.published");
    const one = await render("/audit", managerToken, `druh=document&zaznam=${ids.document}`);
    // Created, a second version, shared with the building (the earlier tests' steps), nothing else.
    expect(one).toContain("3 záznamy");
    expect(one).toContain("document.version_added");
    expect(one).toContain("document.shared");
    expect(await render("/audit", managerToken, "od=2000-01-01&do=2000-01-31")).toContain("0 záznamov");
  });

  it("makes the chosen last day inclusive", () => {
    const filter = toAuditLogFilter({ actorId: "", entityType: "", entityId: "", from: "2026-03-05", to: "2026-03-05" });
    expect(new Date(filter.to!).getTime() - new Date(filter.from!).getTime()).toBe(24 * 3600 * 1000);
    expect(toAuditLogFilter({ actorId: "", entityType: "", entityId: "", from: "5.3.2026", to: "" })).toMatchObject({ from: null, to: null });
  });

  it("words the server's refusals: a reversed range, a malformed id, and a resident without audit:read", async () => {
    expect(await render("/audit", managerToken, "od=2026-03-10&do=2026-03-01")).toContain('role="alert"');
    const reversed = await stack.query(`{ auditLog(filter: { from: "2026-03-10T00:00:00Z", to: "2026-03-01T00:00:00Z" }) { totalCount } }`, {}, managerToken);
    expect(reversed.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    const malformed = await stack.query(`{ auditLog(filter: { actorId: "nie-je-id" }) { totalCount } }`, {}, managerToken);
    expect(malformed.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    const resident = await render("/audit", ownerToken, "", "en");
    expect(resident).toContain("You are not allowed to do this.");
    expect(resident).not.toContain('<a href="/audit">Audit');
    expect(await render("/oznamy", managerToken)).toContain('<a href="/audit">Audit</a>');
  });
});
