-- CreateIndex
CREATE INDEX "orders_account_id_sandbox_status_created_at_id_idx" ON "orders"("account_id", "sandbox", "status", "created_at" DESC, "id" DESC);

-- Rate-limit counts are worth less than the fsync a logged write costs on every API request:
-- an unlogged table skips the write-ahead log, and a crash only empties the current windows.
-- Prisma's schema cannot say UNLOGGED, so it lives here only, like the jobs' partial index.
ALTER TABLE "rate_limit_windows" SET UNLOGGED;
