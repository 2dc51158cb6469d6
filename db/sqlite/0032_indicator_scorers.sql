-- 0032: everyone who set an indicator score (manual scorers, deciders of upheld appeals), so that an appeal is decided
-- by someone who set none of its values. Filled from the current manual scores and the upheld appeals.

CREATE TABLE "IndicatorScorers" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_IndicatorScorers" PRIMARY KEY AUTOINCREMENT,
    "PeriodId" INTEGER NOT NULL,
    "BranchId" INTEGER NOT NULL,
    "IndicatorCode" TEXT NOT NULL,
    "Login" TEXT NOT NULL,
    "Source" TEXT NOT NULL,
    "At" INTEGER NOT NULL
);

CREATE UNIQUE INDEX "UX_IndicatorScorers_Scorer" ON "IndicatorScorers" ("PeriodId", "BranchId", "IndicatorCode", "Login", "Source");

INSERT INTO "IndicatorScorers" ("PeriodId", "BranchId", "IndicatorCode", "Login", "Source", "At")
SELECT "PeriodId", "BranchId", "IndicatorCode", "Assessor", 'Manual', "At" FROM "ManualScores";

INSERT INTO "IndicatorScorers" ("PeriodId", "BranchId", "IndicatorCode", "Login", "Source", "At")
SELECT "PeriodId", "BranchId", "IndicatorCode", "DecidedBy", 'Appeal', min("DecidedAt") FROM "Appeals"
WHERE "State" = 'Upheld' AND "DecidedBy" IS NOT NULL
GROUP BY "PeriodId", "BranchId", "IndicatorCode", "DecidedBy";
