-- Access events about no child (a MASH manager reviewing a rejected event) have no personId.
-- From this version each event's hash is an HMAC-SHA256 keyed with AUDIT_CHAIN_KEY (which the
-- database does not hold) and the chain's head is anchored in audit_anchor.chain_head, a table
-- the hub's runtime role owns and the owner of "AccessEvent" cannot touch (the hub makes it at
-- start, docs/threat-model.md explains it). A chain written before this version was not keyed
-- and does not verify: npm run audit:verify reports it from its first event.
-- (No semicolon in these comments: the migration runner splits the script on every one.)
ALTER TABLE "AccessEvent" ALTER COLUMN "personId" DROP NOT NULL;
