-- 0005: other evidence: KPI values, dated events (deduction, bonus, veto), 360 rating answers and assessors' manual scores.

CREATE TABLE "EvidenceEvents" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_EvidenceEvents" PRIMARY KEY AUTOINCREMENT,
    "BranchId" INTEGER NOT NULL,
    "Date" TEXT NOT NULL,
    "EventType" TEXT NOT NULL,
    "Description" TEXT NULL,
    "Approved" INTEGER NOT NULL,
    "Source" TEXT NOT NULL,
    "EnteredBy" TEXT NOT NULL,
    "EnteredAt" INTEGER NOT NULL,
    CONSTRAINT "FK_EvidenceEvents_Organizations_BranchId" FOREIGN KEY ("BranchId") REFERENCES "Organizations" ("Id") ON DELETE RESTRICT
);

CREATE TABLE "KpiValues" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_KpiValues" PRIMARY KEY AUTOINCREMENT,
    "BranchId" INTEGER NOT NULL,
    "Year" INTEGER NOT NULL,
    "Quarter" INTEGER NOT NULL,
    "KpiCode" TEXT NOT NULL,
    "Value" TEXT NOT NULL,
    "Source" TEXT NOT NULL,
    "EnteredBy" TEXT NOT NULL,
    "EnteredAt" INTEGER NOT NULL,
    CONSTRAINT "FK_KpiValues_Organizations_BranchId" FOREIGN KEY ("BranchId") REFERENCES "Organizations" ("Id") ON DELETE RESTRICT
);

CREATE TABLE "RatingAnswers" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_RatingAnswers" PRIMARY KEY AUTOINCREMENT,
    "BranchId" INTEGER NOT NULL,
    "Year" INTEGER NOT NULL,
    "Quarter" INTEGER NOT NULL,
    "Question" TEXT NOT NULL,
    "RaterGroup" TEXT NOT NULL,
    "Score" TEXT NOT NULL,
    "RaterReference" TEXT NULL,
    "Source" TEXT NOT NULL,
    "EnteredBy" TEXT NOT NULL,
    "EnteredAt" INTEGER NOT NULL,
    CONSTRAINT "FK_RatingAnswers_Organizations_BranchId" FOREIGN KEY ("BranchId") REFERENCES "Organizations" ("Id") ON DELETE RESTRICT
);

CREATE TABLE "ManualScores" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_ManualScores" PRIMARY KEY AUTOINCREMENT,
    "PeriodId" INTEGER NOT NULL,
    "BranchId" INTEGER NOT NULL,
    "IndicatorCode" TEXT NOT NULL,
    "Score" TEXT NOT NULL,
    "Evidence" TEXT NOT NULL,
    "Comment" TEXT NOT NULL,
    "Assessor" TEXT NOT NULL,
    "At" INTEGER NOT NULL,
    CONSTRAINT "FK_ManualScores_Organizations_BranchId" FOREIGN KEY ("BranchId") REFERENCES "Organizations" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_ManualScores_Periods_PeriodId" FOREIGN KEY ("PeriodId") REFERENCES "Periods" ("Id") ON DELETE CASCADE
);

CREATE INDEX "IX_EvidenceEvents_BranchId" ON "EvidenceEvents" ("BranchId");

CREATE INDEX "IX_EvidenceEvents_Date_BranchId" ON "EvidenceEvents" ("Date", "BranchId");

CREATE INDEX "IX_KpiValues_BranchId" ON "KpiValues" ("BranchId");

CREATE UNIQUE INDEX "IX_KpiValues_Year_Quarter_BranchId_KpiCode" ON "KpiValues" ("Year", "Quarter", "BranchId", "KpiCode");

CREATE INDEX "IX_ManualScores_BranchId" ON "ManualScores" ("BranchId");

CREATE UNIQUE INDEX "IX_ManualScores_PeriodId_BranchId_IndicatorCode" ON "ManualScores" ("PeriodId", "BranchId", "IndicatorCode");

CREATE INDEX "IX_RatingAnswers_BranchId" ON "RatingAnswers" ("BranchId");

CREATE INDEX "IX_RatingAnswers_Year_Quarter_BranchId_Question" ON "RatingAnswers" ("Year", "Quarter", "BranchId", "Question");
