-- 0031: one stored record per meeting (branch, type, date, and party group for a 党小组会). Optimistic concurrency
-- uses the xmin system column, so no column is added here. A database that already holds the same meeting twice
-- (stored by the race this closes) stops here: merge or delete the copies, then start again.

CREATE UNIQUE INDEX "UX_MeetingRecords_Meeting" ON "MeetingRecords" ("BranchId", "Type", "Date") WHERE "GroupName" IS NULL;

CREATE UNIQUE INDEX "UX_MeetingRecords_GroupMeeting" ON "MeetingRecords" ("BranchId", "Type", "Date", "GroupName") WHERE "GroupName" IS NOT NULL;
