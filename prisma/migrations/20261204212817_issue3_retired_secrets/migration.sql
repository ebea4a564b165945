-- CreateTable
CREATE TABLE "webhook_retired_secrets" (
    "id" TEXT NOT NULL,
    "endpoint_id" TEXT NOT NULL,
    "secret_seal" BYTEA NOT NULL,
    "retired_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "signs_until" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "webhook_retired_secrets_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "webhook_retired_secrets_endpoint_id_signs_until_idx" ON "webhook_retired_secrets"("endpoint_id", "signs_until");

-- AddForeignKey
ALTER TABLE "webhook_retired_secrets" ADD CONSTRAINT "webhook_retired_secrets_endpoint_id_fkey" FOREIGN KEY ("endpoint_id") REFERENCES "webhook_endpoints"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Written by hand: the previous secret of each endpoint that still signs moves to the new table
-- (same seal, same endpoint id as its associated data) before its columns go. Prisma keeps
-- these columns in UTC, so "now" is taken in UTC whatever the session's time zone.
INSERT INTO "webhook_retired_secrets" ("id", "endpoint_id", "secret_seal", "retired_at", "signs_until")
SELECT gen_random_uuid()::text, "id", "previous_secret_seal",
       "previous_secret_until" - INTERVAL '24 hours', "previous_secret_until"
  FROM "webhook_endpoints"
 WHERE "previous_secret_seal" IS NOT NULL
   AND "previous_secret_until" > (CURRENT_TIMESTAMP AT TIME ZONE 'UTC');

-- AlterTable
ALTER TABLE "webhook_endpoints" DROP COLUMN "previous_secret_seal",
DROP COLUMN "previous_secret_until";
