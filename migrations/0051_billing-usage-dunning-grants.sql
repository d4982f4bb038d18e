-- Metered usage (docs/decisions/057-metering.md) and dunning (058). Both tables are forced like every
-- tenant table; a request reads its workspace's rows (the billing page's chart and banners). Only
-- the owner-role jobs and consumers write them.
ALTER TABLE "usage_record" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
GRANT SELECT ON "usage_record" TO app_request;--> statement-breakpoint
ALTER TABLE "dunning_step" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
GRANT SELECT ON "dunning_step" TO app_request;
--> statement-breakpoint

-- Limits counted in bytes (storage) pass 32 bits: the check takes bigints
-- (docs/decisions/043-trials-and-entitlements.md). The integer form stays for callers not yet redeployed.
CREATE FUNCTION app_private.assert_within_limit(p_metric text, p_used bigint, p_adding bigint, p_limit bigint)
 RETURNS void
 LANGUAGE plpgsql
 SET search_path TO 'pg_catalog', 'public'
AS $$
BEGIN
  IF p_limit IS NOT NULL AND p_used + p_adding > p_limit THEN
    RAISE EXCEPTION 'plan limit reached: % (% in use, limit %)', p_metric, p_used, p_limit USING ERRCODE = 'UL001';
  END IF;
END;
$$;--> statement-breakpoint
REVOKE ALL ON FUNCTION app_private.assert_within_limit(text, bigint, bigint, bigint) FROM PUBLIC;--> statement-breakpoint
GRANT EXECUTE ON FUNCTION app_private.assert_within_limit(text, bigint, bigint, bigint) TO app_request;
