-- 0001: initial schema (organizations, party groups, users, API tokens, meeting records, audit log).
-- Forward-only: never edit once applied; add a new numbered script instead.

CREATE TABLE "AuditEntries" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_AuditEntries" PRIMARY KEY AUTOINCREMENT,
    "At" INTEGER NOT NULL,
    "Actor" TEXT NOT NULL,
    "Action" TEXT NOT NULL,
    "Target" TEXT NOT NULL,
    "Detail" TEXT NULL
);

CREATE TABLE "Organizations" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_Organizations" PRIMARY KEY AUTOINCREMENT,
    "Code" TEXT NOT NULL,
    "Name" TEXT NOT NULL,
    "ParentId" INTEGER NULL,
    "Kind" TEXT NOT NULL,
    "Path" TEXT NOT NULL,
    "CategoryCode" TEXT NULL,
    "MemberCount" INTEGER NOT NULL,
    "CommitteeSize" INTEGER NOT NULL,
    CONSTRAINT "FK_Organizations_Organizations_ParentId" FOREIGN KEY ("ParentId") REFERENCES "Organizations" ("Id") ON DELETE RESTRICT
);

CREATE TABLE "MeetingRecords" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_MeetingRecords" PRIMARY KEY AUTOINCREMENT,
    "BranchId" INTEGER NOT NULL,
    "Type" TEXT NOT NULL,
    "Date" TEXT NOT NULL,
    "Expected" INTEGER NOT NULL,
    "Present" INTEGER NOT NULL,
    "Topic" TEXT NOT NULL,
    "GroupName" TEXT NULL,
    "Minutes" TEXT NULL,
    "Status" TEXT NOT NULL,
    "ReviewOpinion" TEXT NULL,
    "CreatedAt" INTEGER NOT NULL,
    CONSTRAINT "FK_MeetingRecords_Organizations_BranchId" FOREIGN KEY ("BranchId") REFERENCES "Organizations" ("Id") ON DELETE RESTRICT
);

CREATE TABLE "PartyGroups" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_PartyGroups" PRIMARY KEY AUTOINCREMENT,
    "OrganizationId" INTEGER NOT NULL,
    "Name" TEXT NOT NULL,
    CONSTRAINT "FK_PartyGroups_Organizations_OrganizationId" FOREIGN KEY ("OrganizationId") REFERENCES "Organizations" ("Id") ON DELETE CASCADE
);

CREATE TABLE "Users" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_Users" PRIMARY KEY AUTOINCREMENT,
    "Login" TEXT NOT NULL,
    "DisplayName" TEXT NOT NULL,
    "PasswordHash" TEXT NOT NULL,
    "Role" TEXT NOT NULL,
    "OrganizationId" INTEGER NOT NULL,
    "FailedSignInCount" INTEGER NOT NULL,
    "LockedUntil" INTEGER NULL,
    "CreatedAt" INTEGER NOT NULL,
    CONSTRAINT "FK_Users_Organizations_OrganizationId" FOREIGN KEY ("OrganizationId") REFERENCES "Organizations" ("Id") ON DELETE RESTRICT
);

CREATE TABLE "ApiTokens" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_ApiTokens" PRIMARY KEY AUTOINCREMENT,
    "UserAccountId" INTEGER NOT NULL,
    "Hash" TEXT NOT NULL,
    "Prefix" TEXT NOT NULL,
    "CreatedAt" INTEGER NOT NULL,
    "RevokedAt" INTEGER NULL,
    CONSTRAINT "FK_ApiTokens_Users_UserAccountId" FOREIGN KEY ("UserAccountId") REFERENCES "Users" ("Id") ON DELETE CASCADE
);

CREATE UNIQUE INDEX "IX_ApiTokens_Hash" ON "ApiTokens" ("Hash");

CREATE INDEX "IX_ApiTokens_UserAccountId" ON "ApiTokens" ("UserAccountId");

CREATE INDEX "IX_AuditEntries_At" ON "AuditEntries" ("At");

CREATE INDEX "IX_MeetingRecords_BranchId_Date" ON "MeetingRecords" ("BranchId", "Date");

CREATE UNIQUE INDEX "IX_Organizations_Code" ON "Organizations" ("Code");

CREATE INDEX "IX_Organizations_ParentId" ON "Organizations" ("ParentId");

CREATE INDEX "IX_Organizations_Path" ON "Organizations" ("Path");

CREATE UNIQUE INDEX "IX_PartyGroups_OrganizationId_Name" ON "PartyGroups" ("OrganizationId", "Name");

CREATE UNIQUE INDEX "IX_Users_Login" ON "Users" ("Login");

CREATE INDEX "IX_Users_OrganizationId" ON "Users" ("OrganizationId");

