// The tables this module owns: only this module's code names them (Prisma delegate or SQL).
export const ownedTables = [
  "property.votes",
  "property.vote_options",
  "property.vote_eligible_units",
  "property.vote_eligible_voters",
  "property.ballots",
  "property.ballot_choices",
  "property.ballot_revisions",
  "property.vote_comments",
] as const;
