-- Every search is an access event (access.md, version 2: "existence is content"): who searched,
-- the criteria by name (never their values) and how many children came back. A search is about
-- whoever it found, so its event names no child (personId is null). Adding columns fires no row
-- trigger: the append-only triggers stay as they are.
ALTER TABLE "AccessEvent" ADD COLUMN "criteria" TEXT[] DEFAULT ARRAY[]::TEXT[],
ADD COLUMN "resultCount" INTEGER,
ALTER COLUMN "personId" DROP NOT NULL;
