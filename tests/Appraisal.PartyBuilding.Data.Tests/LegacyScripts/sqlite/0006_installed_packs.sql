-- 0006: installed pack versions — digest, enabled, who installed them (SPEC: Indicator packs; pack lifecycle).

CREATE TABLE "InstalledPacks" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_InstalledPacks" PRIMARY KEY AUTOINCREMENT,
    "PackId" TEXT NOT NULL,
    "Version" TEXT NOT NULL,
    "Name" TEXT NOT NULL,
    "Digest" TEXT NOT NULL,
    "Folder" TEXT NOT NULL,
    "Source" TEXT NOT NULL,
    "Enabled" INTEGER NOT NULL,
    "InstalledBy" TEXT NOT NULL,
    "InstalledAt" INTEGER NOT NULL,
    "ChangedBy" TEXT NULL,
    "ChangedAt" INTEGER NULL
);

CREATE UNIQUE INDEX "IX_InstalledPacks_PackId_Version" ON "InstalledPacks" ("PackId", "Version");
