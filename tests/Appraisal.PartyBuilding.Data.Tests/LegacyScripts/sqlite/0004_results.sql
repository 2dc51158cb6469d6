-- 0004: computed results per period and branch, with each indicator's score and explanation.

CREATE TABLE "BranchResults" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_BranchResults" PRIMARY KEY AUTOINCREMENT,
    "PeriodId" INTEGER NOT NULL,
    "BranchId" INTEGER NOT NULL,
    "CategoryCode" TEXT NOT NULL,
    "Total" TEXT NOT NULL,
    "MaxPoints" TEXT NOT NULL,
    "Grade" TEXT NOT NULL,
    "Rank" INTEGER NOT NULL,
    "Percentile" TEXT NOT NULL,
    "GradeExplanation" TEXT NOT NULL,
    "ComputedAt" INTEGER NOT NULL,
    CONSTRAINT "FK_BranchResults_Organizations_BranchId" FOREIGN KEY ("BranchId") REFERENCES "Organizations" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_BranchResults_Periods_PeriodId" FOREIGN KEY ("PeriodId") REFERENCES "Periods" ("Id") ON DELETE CASCADE
);

CREATE TABLE "BranchIndicatorScores" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_BranchIndicatorScores" PRIMARY KEY AUTOINCREMENT,
    "BranchResultId" INTEGER NOT NULL,
    "Code" TEXT NOT NULL,
    "DimensionCode" TEXT NOT NULL,
    "Score" TEXT NOT NULL,
    "MaxScore" TEXT NOT NULL,
    "Explanation" TEXT NOT NULL,
    CONSTRAINT "FK_BranchIndicatorScores_BranchResults_BranchResultId" FOREIGN KEY ("BranchResultId") REFERENCES "BranchResults" ("Id") ON DELETE CASCADE
);

CREATE INDEX "IX_BranchIndicatorScores_BranchResultId" ON "BranchIndicatorScores" ("BranchResultId");

CREATE INDEX "IX_BranchResults_BranchId" ON "BranchResults" ("BranchId");

CREATE UNIQUE INDEX "IX_BranchResults_PeriodId_BranchId" ON "BranchResults" ("PeriodId", "BranchId");
