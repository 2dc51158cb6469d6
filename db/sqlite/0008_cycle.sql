-- 0008: the assessment cycle (SPEC "The cycle"): when a period entered each state and when its appeal window closes.

ALTER TABLE "Periods" ADD COLUMN "ScoringStartedAt" INTEGER NULL;
ALTER TABLE "Periods" ADD COLUMN "PublishedAt" INTEGER NULL;
ALTER TABLE "Periods" ADD COLUMN "AppealsCloseAt" INTEGER NULL;
ALTER TABLE "Periods" ADD COLUMN "FinalizedAt" INTEGER NULL;
