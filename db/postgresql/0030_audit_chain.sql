-- 0030: the tamper-evident audit chain and audit scope. Entries get their position in the chain, their keyed hash
-- and the organization path they concern; the chain head is kept in its own table (detects truncation, and its row
-- is the append lock). Entries written before this script are sealed into the chain at the first start (the key
-- lives outside the database, so SQL cannot compute the hashes).

ALTER TABLE "AuditEntries" ADD COLUMN "OrganizationPath" character varying(1000);
ALTER TABLE "AuditEntries" ADD COLUMN "Sequence" bigint;
ALTER TABLE "AuditEntries" ADD COLUMN "Hash" character varying(64);

CREATE UNIQUE INDEX "IX_AuditEntries_Sequence" ON "AuditEntries" ("Sequence");

CREATE INDEX "IX_AuditEntries_OrganizationPath" ON "AuditEntries" ("OrganizationPath" varchar_pattern_ops);

CREATE TABLE "AuditChainHeads" (
    "Id" integer NOT NULL,
    "Sequence" bigint NOT NULL,
    "Hash" character varying(64) NOT NULL,
    "Seal" character varying(64) NOT NULL,
    CONSTRAINT "PK_AuditChainHeads" PRIMARY KEY ("Id")
);
