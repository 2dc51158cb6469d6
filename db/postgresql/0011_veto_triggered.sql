-- 0011: a triggered veto (一票否决) is stored as data on the indicator's result, set by scoring; appeals and incentives
-- read it instead of matching the explanation text. Rows scored before this script get it from their text, once.

ALTER TABLE "BranchIndicatorScores" ADD COLUMN "VetoTriggered" boolean NOT NULL DEFAULT FALSE;

UPDATE "BranchIndicatorScores" SET "VetoTriggered" = TRUE WHERE "Explanation" LIKE '一票否决：%';
