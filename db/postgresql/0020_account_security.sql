-- 0020: sessions end on sign-out, role or password change (security stamp); TOTP second factor; API tokens expire.

ALTER TABLE "Users" ADD COLUMN "SecurityStamp" character varying(64);
ALTER TABLE "Users" ADD COLUMN "TotpSecret" character varying(64);
ALTER TABLE "Users" ADD COLUMN "TotpEnabledAt" bigint;
ALTER TABLE "ApiTokens" ADD COLUMN "ExpiresAt" bigint;

UPDATE "Users" SET "SecurityStamp" = md5(random()::text || clock_timestamp()::text);
-- Tokens issued before expiry existed live 90 days from their creation (ticks of 100 ns).
UPDATE "ApiTokens" SET "ExpiresAt" = "CreatedAt" + 77760000000000;
