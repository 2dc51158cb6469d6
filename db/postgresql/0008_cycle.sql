-- 0008: the assessment cycle (SPEC "The cycle"): when a period entered each state and when its appeal window closes.

ALTER TABLE "Periods" ADD COLUMN "ScoringStartedAt" bigint;
ALTER TABLE "Periods" ADD COLUMN "PublishedAt" bigint;
ALTER TABLE "Periods" ADD COLUMN "AppealsCloseAt" bigint;
ALTER TABLE "Periods" ADD COLUMN "FinalizedAt" bigint;
