-- 0011: a triggered veto (一票否决) is stored as data on the indicator's result, set by scoring; appeals and incentives
-- read it instead of matching the explanation text. Rows scored before this script get it from their text, once.

ALTER TABLE "BranchIndicatorScores" ADD COLUMN "VetoTriggered" INTEGER NOT NULL DEFAULT 0;

UPDATE "BranchIndicatorScores" SET "VetoTriggered" = 1 WHERE "Explanation" LIKE '一票否决：%';
