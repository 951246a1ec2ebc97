-- Every block of the identity candidates query is an index scan (domain/identity/blocks.ts):
-- the given-name-only block of a subject with no family name and no date of birth needed one.
CREATE INDEX "Person_givenNameKey_idx" ON "Person"("givenNameKey");
