-- 0031: optimistic concurrency for meeting records (a counter SaveChanges bumps; PostgreSQL uses xmin instead) and
-- one stored record per meeting (branch, type, date, and party group for a 党小组会). A database that already holds
-- the same meeting twice (stored by the race this closes) stops here: merge or delete the copies, then start again.

ALTER TABLE "MeetingRecords" ADD COLUMN "Version" INTEGER NOT NULL DEFAULT 0;

CREATE UNIQUE INDEX "UX_MeetingRecords_Meeting" ON "MeetingRecords" ("BranchId", "Type", "Date") WHERE "GroupName" IS NULL;

CREATE UNIQUE INDEX "UX_MeetingRecords_GroupMeeting" ON "MeetingRecords" ("BranchId", "Type", "Date", "GroupName") WHERE "GroupName" IS NOT NULL;
