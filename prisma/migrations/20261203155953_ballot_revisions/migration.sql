-- CreateTable
CREATE TABLE "property"."ballot_revisions" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "organization_id" UUID NOT NULL,
    "ballot_id" UUID NOT NULL,
    "vote_id" UUID NOT NULL,
    "unit_id" UUID NOT NULL,
    "revision" INTEGER NOT NULL,
    "cast_by_id" UUID NOT NULL,
    "on_behalf_of_id" UUID,
    "delegation_id" UUID,
    "is_paper" BOOLEAN NOT NULL DEFAULT false,
    "option_ids" UUID[],
    "cast_at" TIMESTAMPTZ(6) NOT NULL,

    CONSTRAINT "ballot_revisions_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ballot_revisions_vote_id_unit_id_idx" ON "property"."ballot_revisions"("vote_id", "unit_id");

-- CreateIndex
CREATE INDEX "ballot_revisions_organization_id_vote_id_idx" ON "property"."ballot_revisions"("organization_id", "vote_id");

-- CreateIndex
CREATE UNIQUE INDEX "ballot_revisions_ballot_id_revision_key" ON "property"."ballot_revisions"("ballot_id", "revision");

-- AddForeignKey
ALTER TABLE "property"."ballot_revisions" ADD CONSTRAINT "ballot_revisions_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "platform"."organizations"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "property"."ballot_revisions" ADD CONSTRAINT "ballot_revisions_ballot_id_fkey" FOREIGN KEY ("ballot_id") REFERENCES "property"."ballots"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Hand-written: the property role's grants and tenant isolation, like every property table.
GRANT SELECT, INSERT, UPDATE, DELETE ON property.ballot_revisions TO ppt_property;
ALTER TABLE property.ballot_revisions ENABLE ROW LEVEL SECURITY;
ALTER TABLE property.ballot_revisions FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON property.ballot_revisions
  USING (organization_id = NULLIF(current_setting('app.current_org', true), '')::uuid)
  WITH CHECK (organization_id = NULLIF(current_setting('app.current_org', true), '')::uuid);

-- Ballots cast before this table existed: their standing revision is the only one still known.
INSERT INTO property.ballot_revisions
  (organization_id, ballot_id, vote_id, unit_id, revision, cast_by_id, on_behalf_of_id, delegation_id, is_paper, option_ids, cast_at)
SELECT b.organization_id, b.id, b.vote_id, b.unit_id, b.revision, b.cast_by_id, b.on_behalf_of_id, b.delegation_id, b.is_paper,
  COALESCE((SELECT array_agg(bc.option_id ORDER BY bc.option_id) FROM property.ballot_choices bc WHERE bc.ballot_id = b.id), '{}'),
  b.cast_at
FROM property.ballots b;
