// Organization A's people and what they share, for the access cases of the auth, organizations,
// messages and voting modules: members in different positions (so a case can show that holding
// a permission is not enough), a session, an invitation, a partner client, a power of attorney,
// a group conversation with a message, and votes (a draft and an open one with its electorate).
import { randomUUID } from "node:crypto";
import type { PrismaClient } from "@ppt/db/client";
import { digest } from "@ppt/server-kit";
import { addMember, addOwnership, createUnit, createUser } from "@ppt/testing/fixtures";

export interface PeopleWorld {
  /** A member of A who owns nothing: a participant (not the creator) of A's conversation, the receiver of A's delegation. */
  memberA: string;
  /** A member of A who owns another unit of A's building: a resident who sees A's open vote, in no conversation. */
  neighbourA: string;
  unitA2: string;
  /** userA's session (a login). */
  sessionA: string;
  /** A pending invitation of A for an address without an account, and its token. */
  invitationA: string;
  invitationTokenA: string;
  /** A partner client of A and its public client id. */
  apiClientA: string;
  apiClientIdA: string;
  /** userA lets memberA act for them on unitA (faults). */
  delegationA: string;
  /** A group conversation userA started with memberA, and userA's message in it. */
  conversationA: string;
  messageA: string;
  draftVoteA: string;
  /** Open now; its frozen electorate: unitA (userA) and unitA2 (neighbourA). */
  openVoteA: string;
  optionA: string;
}

export async function createPeopleWorld(db: PrismaClient, a: { orgA: string; userA: string; buildingA: string; unitA: string }): Promise<PeopleWorld> {
  const organizationId = a.orgA;
  const memberA = (await createUser(db, "Mária", "Členová")).id;
  const neighbourA = (await createUser(db, "Norbert", "Susedný")).id;
  await addMember(db, organizationId, memberA);
  await addMember(db, organizationId, neighbourA);
  const unitA2 = (await createUnit(db, organizationId, a.buildingA, "2")).id;
  await addOwnership(db, organizationId, unitA2, neighbourA);

  const session = await db.session.create({
    data: { userId: a.userA, organizationId, familyId: randomUUID(), tokenHash: digest(randomUUID()), expiresAt: new Date(Date.now() + 7 * 86_400_000) },
  });
  // One login = one family; its first row's id is the family id.
  const sessionA = (await db.session.update({ where: { id: session.id }, data: { familyId: session.id } })).familyId;

  const invitationTokenA = `invitation-${randomUUID()}`;
  const invitationA = (
    await db.invitation.create({
      data: {
        organizationId,
        email: `pozvany-${randomUUID()}@example.sk`,
        roleKey: "tenant",
        tokenHash: digest(invitationTokenA),
        invitedById: a.userA,
        expiresAt: new Date(Date.now() + 86_400_000),
      },
    })
  ).id;

  const apiClientIdA = `ppt_${randomUUID().slice(0, 12)}`;
  const apiClientA = (
    await db.apiClient.create({
      data: {
        organizationId,
        name: "Partner A",
        clientId: apiClientIdA,
        secretHash: digest("secret-of-a"),
        permissions: ["buildings:read"],
        createdById: a.userA,
      },
    })
  ).id;

  const delegationA = (await db.delegation.create({ data: { organizationId, fromUserId: a.userA, toUserId: memberA, unitId: a.unitA, scope: "FAULTS" } })).id;

  const conversationA = (
    await db.conversation.create({ data: { organizationId, kind: "GROUP", title: "Výbor", createdById: a.userA, lastMessageAt: new Date() } })
  ).id;
  await db.conversationParticipant.createMany({ data: [a.userA, memberA].map((userId) => ({ organizationId, conversationId: conversationA, userId })) });
  const messageA = (await db.message.create({ data: { organizationId, conversationId: conversationA, senderId: a.userA, body: "Schôdza je v utorok." } })).id;

  const vote = (status: "DRAFT" | "PUBLISHED") =>
    db.vote.create({
      data: {
        organizationId,
        buildingId: a.buildingA,
        title: status === "DRAFT" ? "Návrh: výmena výťahu" : "Výmena okien",
        status,
        createdById: a.userA,
        endsAt: new Date(Date.now() + 7 * 86_400_000),
        ...(status === "PUBLISHED" ? { publishedAt: new Date(), eligibilityFrozenAt: new Date(), startsAt: new Date(Date.now() - 60_000) } : {}),
        options: { create: ["Áno", "Nie"].map((label, position) => ({ organizationId, label, position })) },
      },
      include: { options: { orderBy: { position: "asc" } } },
    });
  const draftVoteA = (await vote("DRAFT")).id;
  const open = await vote("PUBLISHED");
  for (const [unitId, userId] of [
    [a.unitA, a.userA],
    [unitA2, neighbourA],
  ] as const) {
    await db.voteEligibleUnit.create({ data: { organizationId, voteId: open.id, unitId, weightNumerator: 1, weightDenominator: 2 } });
    await db.voteEligibleVoter.create({ data: { organizationId, voteId: open.id, unitId, userId } });
  }

  return {
    memberA,
    neighbourA,
    unitA2,
    sessionA,
    invitationA,
    invitationTokenA,
    apiClientA,
    apiClientIdA,
    delegationA,
    conversationA,
    messageA,
    draftVoteA,
    openVoteA: open.id,
    optionA: open.options[0]!.id,
  };
}
