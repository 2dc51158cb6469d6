-- 0007: meeting records' history, attachments, and the MinHash bands and matches of the copied-minutes check.

CREATE TABLE "MeetingAttachments" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_MeetingAttachments" PRIMARY KEY AUTOINCREMENT,
    "MeetingRecordId" INTEGER NOT NULL,
    "StoredName" TEXT NOT NULL,
    "FileName" TEXT NOT NULL,
    "ContentType" TEXT NOT NULL,
    "Size" INTEGER NOT NULL,
    "Sha256" TEXT NOT NULL,
    "UploadedAt" INTEGER NOT NULL,
    "UploadedBy" TEXT NOT NULL,
    CONSTRAINT "FK_MeetingAttachments_MeetingRecords_MeetingRecordId" FOREIGN KEY ("MeetingRecordId") REFERENCES "MeetingRecords" ("Id") ON DELETE CASCADE
);

CREATE TABLE "MeetingRecordEvents" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_MeetingRecordEvents" PRIMARY KEY AUTOINCREMENT,
    "MeetingRecordId" INTEGER NOT NULL,
    "At" INTEGER NOT NULL,
    "Actor" TEXT NOT NULL,
    "Action" TEXT NOT NULL,
    "Status" TEXT NOT NULL,
    "Opinion" TEXT NULL,
    "Changes" TEXT NULL,
    CONSTRAINT "FK_MeetingRecordEvents_MeetingRecords_MeetingRecordId" FOREIGN KEY ("MeetingRecordId") REFERENCES "MeetingRecords" ("Id") ON DELETE CASCADE
);

CREATE TABLE "MinutesBands" (
    "MeetingRecordId" INTEGER NOT NULL,
    "Band" INTEGER NOT NULL,
    "Hash" INTEGER NOT NULL,
    CONSTRAINT "PK_MinutesBands" PRIMARY KEY ("MeetingRecordId", "Band"),
    CONSTRAINT "FK_MinutesBands_MeetingRecords_MeetingRecordId" FOREIGN KEY ("MeetingRecordId") REFERENCES "MeetingRecords" ("Id") ON DELETE CASCADE
);

CREATE TABLE "MinutesMatches" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_MinutesMatches" PRIMARY KEY AUTOINCREMENT,
    "MeetingRecordId" INTEGER NOT NULL,
    "OtherRecordId" INTEGER NOT NULL,
    "Similarity" TEXT NOT NULL,
    "FoundAt" INTEGER NOT NULL,
    CONSTRAINT "FK_MinutesMatches_MeetingRecords_MeetingRecordId" FOREIGN KEY ("MeetingRecordId") REFERENCES "MeetingRecords" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_MinutesMatches_MeetingRecords_OtherRecordId" FOREIGN KEY ("OtherRecordId") REFERENCES "MeetingRecords" ("Id") ON DELETE RESTRICT
);

CREATE INDEX "IX_MeetingAttachments_MeetingRecordId" ON "MeetingAttachments" ("MeetingRecordId");

CREATE UNIQUE INDEX "IX_MeetingAttachments_StoredName" ON "MeetingAttachments" ("StoredName");

CREATE INDEX "IX_MeetingRecordEvents_MeetingRecordId_At" ON "MeetingRecordEvents" ("MeetingRecordId", "At");

CREATE INDEX "IX_MinutesBands_Hash_Band" ON "MinutesBands" ("Hash", "Band");

CREATE UNIQUE INDEX "IX_MinutesMatches_MeetingRecordId_OtherRecordId" ON "MinutesMatches" ("MeetingRecordId", "OtherRecordId");

CREATE INDEX "IX_MinutesMatches_OtherRecordId" ON "MinutesMatches" ("OtherRecordId");
