-- 0009: the loop after publication (SPEC "The cycle"): appeals (申辩) with their decisions, the incentive
-- coefficient table, rectification items (整改) with their history and reminders.

CREATE TABLE "IncentiveCoefficients" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_IncentiveCoefficients" PRIMARY KEY AUTOINCREMENT,
    "Grade" TEXT NOT NULL,
    "Coefficient" TEXT NOT NULL,
    "UpdatedBy" TEXT NOT NULL,
    "UpdatedAt" INTEGER NOT NULL
);

CREATE TABLE "Appeals" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_Appeals" PRIMARY KEY AUTOINCREMENT,
    "PeriodId" INTEGER NOT NULL,
    "BranchId" INTEGER NOT NULL,
    "IndicatorCode" TEXT NOT NULL,
    "Reason" TEXT NOT NULL,
    "Evidence" TEXT NOT NULL,
    "FiledBy" TEXT NOT NULL,
    "FiledAt" INTEGER NOT NULL,
    "OriginalScore" TEXT NOT NULL,
    "MaxScore" TEXT NOT NULL,
    "OriginalExplanation" TEXT NOT NULL,
    "OriginalScorer" TEXT NOT NULL,
    "State" TEXT NOT NULL,
    "OpenMarker" INTEGER NULL,
    "DecidedBy" TEXT NULL,
    "DecidedAt" INTEGER NULL,
    "Opinion" TEXT NULL,
    "NewScore" TEXT NULL,
    CONSTRAINT "FK_Appeals_Organizations_BranchId" FOREIGN KEY ("BranchId") REFERENCES "Organizations" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_Appeals_Periods_PeriodId" FOREIGN KEY ("PeriodId") REFERENCES "Periods" ("Id") ON DELETE CASCADE
);

CREATE TABLE "RectificationItems" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_RectificationItems" PRIMARY KEY AUTOINCREMENT,
    "PeriodId" INTEGER NOT NULL,
    "BranchId" INTEGER NOT NULL,
    "IndicatorCode" TEXT NOT NULL,
    "IndicatorName" TEXT NOT NULL,
    "Score" TEXT NOT NULL,
    "MaxScore" TEXT NOT NULL,
    "PassScore" TEXT NOT NULL,
    "Reasons" TEXT NOT NULL,
    "OwnerLogin" TEXT NULL,
    "Deadline" TEXT NOT NULL,
    "State" TEXT NOT NULL,
    "CreatedAt" INTEGER NOT NULL,
    "RecheckPeriodId" INTEGER NULL,
    "RecheckScore" TEXT NULL,
    CONSTRAINT "FK_RectificationItems_Organizations_BranchId" FOREIGN KEY ("BranchId") REFERENCES "Organizations" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_RectificationItems_Periods_PeriodId" FOREIGN KEY ("PeriodId") REFERENCES "Periods" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_RectificationItems_Periods_RecheckPeriodId" FOREIGN KEY ("RecheckPeriodId") REFERENCES "Periods" ("Id") ON DELETE RESTRICT
);

CREATE TABLE "RectificationEntries" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_RectificationEntries" PRIMARY KEY AUTOINCREMENT,
    "ItemId" INTEGER NOT NULL,
    "At" INTEGER NOT NULL,
    "Actor" TEXT NOT NULL,
    "Kind" TEXT NOT NULL,
    "Text" TEXT NOT NULL,
    CONSTRAINT "FK_RectificationEntries_RectificationItems_ItemId" FOREIGN KEY ("ItemId") REFERENCES "RectificationItems" ("Id") ON DELETE CASCADE
);

CREATE TABLE "RectificationReminders" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_RectificationReminders" PRIMARY KEY AUTOINCREMENT,
    "ItemId" INTEGER NOT NULL,
    "Kind" TEXT NOT NULL,
    "Deadline" TEXT NOT NULL,
    "RecipientOrganizationId" INTEGER NOT NULL,
    "At" INTEGER NOT NULL,
    "Message" TEXT NOT NULL,
    CONSTRAINT "FK_RectificationReminders_Organizations_RecipientOrganizationId" FOREIGN KEY ("RecipientOrganizationId") REFERENCES "Organizations" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_RectificationReminders_RectificationItems_ItemId" FOREIGN KEY ("ItemId") REFERENCES "RectificationItems" ("Id") ON DELETE CASCADE
);

CREATE INDEX "IX_Appeals_BranchId" ON "Appeals" ("BranchId");

CREATE UNIQUE INDEX "IX_Appeals_PeriodId_BranchId_IndicatorCode_OpenMarker" ON "Appeals" ("PeriodId", "BranchId", "IndicatorCode", "OpenMarker");

CREATE UNIQUE INDEX "IX_IncentiveCoefficients_Grade" ON "IncentiveCoefficients" ("Grade");

CREATE INDEX "IX_RectificationEntries_ItemId" ON "RectificationEntries" ("ItemId");

CREATE INDEX "IX_RectificationItems_BranchId" ON "RectificationItems" ("BranchId");

CREATE UNIQUE INDEX "IX_RectificationItems_PeriodId_BranchId_IndicatorCode" ON "RectificationItems" ("PeriodId", "BranchId", "IndicatorCode");

CREATE INDEX "IX_RectificationItems_RecheckPeriodId" ON "RectificationItems" ("RecheckPeriodId");

CREATE INDEX "IX_RectificationItems_State_Deadline" ON "RectificationItems" ("State", "Deadline");

CREATE UNIQUE INDEX "IX_RectificationReminders_ItemId_Kind_Deadline" ON "RectificationReminders" ("ItemId", "Kind", "Deadline");

CREATE INDEX "IX_RectificationReminders_RecipientOrganizationId" ON "RectificationReminders" ("RecipientOrganizationId");
