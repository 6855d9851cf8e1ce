// Access cases of the voting module. Staff (votes:write) see every vote of the organization;
// residents see published votes of their buildings only (a draft looks missing to them); a
// ballot for a unit is cast only by who owned it when the vote opened (or their delegate), and
// only owners and staff comment.
import type { AccessCase, DeniedCaller } from "./cases.ts";

const resident: DeniedCaller = { who: "a resident (not staff)", as: (w) => ({ userId: w.neighbourA, roles: ["owner"] }), gets: "missing" };

export const votingCases: AccessCase[] = [
  {
    field: "Query.votes",
    document: `{ votes(first: 50) { totalCount edges { node { id title } } } }`,
    variables: () => ({}),
    permission: "votes:read",
    kind: "list",
    denied: [
      { ...resident, who: "a resident of the building (sees the open vote, not the draft)", gets: { hidden: (w) => [w.draftVoteA] } },
      {
        who: "an owner of no unit of the building",
        as: (w) => ({ userId: w.memberA, roles: ["owner"] }),
        gets: { hidden: (w) => [w.draftVoteA, w.openVoteA] },
      },
    ],
  },
  {
    field: "Query.vote",
    document: `query ($id: ID!) { vote(id: $id) { id title options { id label } } }`,
    variables: (w) => ({ id: w.draftVoteA }),
    permission: "votes:read",
    kind: "byId",
    denied: [{ ...resident, who: "a resident, for a draft" }],
  },
  {
    field: "Query.voteResults",
    document: `query ($id: ID!) { voteResults(id: $id) { voteId version eligibleUnitCount } }`,
    variables: (w) => ({ id: w.draftVoteA }),
    permission: "votes:read",
    kind: "byId",
    denied: [{ ...resident, who: "a resident, for a draft" }],
  },
  {
    // The vote is still open: whoever gets past the access checks would be told CONFLICT, not NOT_FOUND.
    field: "Query.voteRecord",
    document: `query ($id: ID!) { voteRecord(id: $id) { csv } }`,
    variables: (w) => ({ id: w.openVoteA }),
    permission: "votes:write",
    kind: "byId",
  },
  {
    field: "Mutation.createVote",
    document: `mutation ($b: ID!, $ends: DateTime!) {
      createVote(input: { buildingId: $b, title: "Nová strecha", options: [{ label: "Áno" }, { label: "Nie" }], matterType: ORDINARY, endsAt: $ends }) { id } }`,
    variables: (w) => ({ b: w.buildingA, ends: new Date(Date.now() + 7 * 86_400_000).toISOString() }),
    permission: "votes:write",
    kind: "byId",
  },
  {
    field: "Mutation.publishVote",
    document: `mutation ($id: ID!) { publishVote(id: $id) { id status } }`,
    variables: (w) => ({ id: w.draftVoteA }),
    permission: "votes:write",
    kind: "byId",
  },
  {
    field: "Mutation.closeVote",
    document: `mutation ($id: ID!) { closeVote(id: $id) { id status } }`,
    variables: (w) => ({ id: w.openVoteA }),
    permission: "votes:write",
    kind: "byId",
  },
  {
    field: "Mutation.cancelVote",
    document: `mutation ($id: ID!) { cancelVote(id: $id, reason: "x") { id status } }`,
    variables: (w) => ({ id: w.draftVoteA }),
    permission: "votes:write",
    kind: "byId",
  },
  {
    field: "Mutation.castBallot",
    document: `mutation ($v: ID!, $u: ID!, $o: ID!) { castBallot(input: { voteId: $v, unitId: $u, optionIds: [$o] }) { id } }`,
    variables: (w) => ({ v: w.openVoteA, u: w.unitA, o: w.optionA }),
    permission: "votes:cast",
    kind: "byId",
    denied: [
      { who: "an owner of another unit of the building (sees the vote)", as: (w) => ({ userId: w.neighbourA, roles: ["owner"] }), gets: "FORBIDDEN" },
      { who: "an owner of no unit of the building (does not see the vote)", as: (w) => ({ userId: w.memberA, roles: ["owner"] }), gets: "missing" },
      { who: "staff, online, for a unit they do not own", as: (w) => ({ userId: w.memberA, roles: ["manager"] }), gets: "FORBIDDEN" },
    ],
  },
  {
    field: "Mutation.commentOnVote",
    document: `mutation ($id: ID!) { commentOnVote(voteId: $id, body: "Súhlasím") { id } }`,
    variables: (w) => ({ id: w.openVoteA }),
    permission: "votes:read",
    kind: "byId",
    denied: [
      { who: "a tenant (not an owner)", as: (w) => ({ userId: w.neighbourA, roles: ["tenant"] }), gets: "FORBIDDEN" },
      { who: "an owner who does not see the vote", as: (w) => ({ userId: w.memberA, roles: ["owner"] }), gets: "missing" },
    ],
  },
];
