-- 0020: sessions end on sign-out, role or password change (security stamp); TOTP second factor; API tokens expire.

ALTER TABLE "Users" ADD COLUMN "SecurityStamp" TEXT NULL;
ALTER TABLE "Users" ADD COLUMN "TotpSecret" TEXT NULL;
ALTER TABLE "Users" ADD COLUMN "TotpEnabledAt" INTEGER NULL;
ALTER TABLE "ApiTokens" ADD COLUMN "ExpiresAt" INTEGER NULL;

UPDATE "Users" SET "SecurityStamp" = lower(hex(randomblob(16)));
-- Tokens issued before expiry existed live 90 days from their creation (ticks of 100 ns).
UPDATE "ApiTokens" SET "ExpiresAt" = "CreatedAt" + 77760000000000;
