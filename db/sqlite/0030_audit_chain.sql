-- 0030: the tamper-evident audit chain and audit scope. Entries get their position in the chain, their keyed hash
-- and the organization path they concern; the chain head is kept in its own table (detects truncation, and its row
-- is the append lock on PostgreSQL). Entries written before this script are sealed into the chain at the first start
-- (the key lives outside the database, so SQL cannot compute the hashes).

ALTER TABLE "AuditEntries" ADD COLUMN "OrganizationPath" TEXT NULL;
ALTER TABLE "AuditEntries" ADD COLUMN "Sequence" INTEGER NULL;
ALTER TABLE "AuditEntries" ADD COLUMN "Hash" TEXT NULL;

CREATE UNIQUE INDEX "IX_AuditEntries_Sequence" ON "AuditEntries" ("Sequence");

CREATE INDEX "IX_AuditEntries_OrganizationPath" ON "AuditEntries" ("OrganizationPath");

CREATE TABLE "AuditChainHeads" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_AuditChainHeads" PRIMARY KEY,
    "Sequence" INTEGER NOT NULL,
    "Hash" TEXT NOT NULL,
    "Seal" TEXT NOT NULL
);
