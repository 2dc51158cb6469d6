-- 0003: assessment periods and the pack versions each period pins (SPEC: Indicator packs, The cycle).

CREATE TABLE "Periods" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_Periods" PRIMARY KEY AUTOINCREMENT,
    "Year" INTEGER NOT NULL,
    "Quarter" INTEGER NOT NULL,
    "State" TEXT NOT NULL,
    "OpenedAt" INTEGER NOT NULL,
    "OpenedBy" TEXT NOT NULL
);

CREATE TABLE "PeriodPacks" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_PeriodPacks" PRIMARY KEY AUTOINCREMENT,
    "PeriodId" INTEGER NOT NULL,
    "PackId" TEXT NOT NULL,
    "Version" TEXT NOT NULL,
    CONSTRAINT "FK_PeriodPacks_Periods_PeriodId" FOREIGN KEY ("PeriodId") REFERENCES "Periods" ("Id") ON DELETE CASCADE
);

CREATE UNIQUE INDEX "IX_PeriodPacks_PeriodId_PackId" ON "PeriodPacks" ("PeriodId", "PackId");

CREATE UNIQUE INDEX "IX_Periods_Year_Quarter" ON "Periods" ("Year", "Quarter");
