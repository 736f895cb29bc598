-- Bulk-inserts synthetic OpenIddict tokens for bench/postgres.sh, modelled on rows the server wrote itself.
-- Run as a superuser (session_replication_role skips the foreign-key triggers; every reference is valid).
-- psql variables:
--   count      number of tokens to insert
--   oldest     age of the oldest token (interval text, e.g. '14 days')
--   newest     age of the newest token (e.g. '1 minute')
--   mode       'live': the mix below; 'expired': client_credentials access tokens, expired one hour after creation
--   rebuild    'on': drop the secondary indexes, insert, and build them again (much faster for millions of rows;
--              the rebuilt indexes are packed tighter than ones grown row by row)
--   salt       any text, so that two runs produce different ids
--   vacuum     'on': VACUUM (ANALYZE) afterwards (use it after millions of rows, or autovacuum starts on them later);
--              'off': ANALYZE only
-- Templates (the server's own rows; the benchmark creates them before this runs):
--   cc  = a client_credentials access token (no authorization), ac = an access token of the code flow,
--   rt  = a refresh token. Each copy keeps the template's application, subject, type, properties and
--   lifetime, gets a fresh id (time-ordered like the server's UUIDv7 ids), reference id (base64 of 32
--   bytes), concurrency token, creation date and a payload of the template's length (random hex, which
--   pglz cannot compress). Mix for 'live': 60 % cc, 20 % ac, 20 % rt (every 4th refresh token redeemed);
--   the ac/rt rows point to 100,000 copies of the template authorization.
\set ON_ERROR_STOP on
\timing on
SET session_replication_role = replica;
SET maintenance_work_mem = '1GB';
SET synchronous_commit = off;

BEGIN;
CREATE TEMP TABLE tpl ON COMMIT DROP AS
SELECT kind, t.*
FROM (VALUES ('cc'), ('ac'), ('rt')) AS k(kind)
CROSS JOIN LATERAL (
    SELECT * FROM "OpenIddictTokens" x
    WHERE x."CreationDate" > now() - interval '1 day'
      AND CASE k.kind
            WHEN 'cc' THEN x."Type" LIKE '%access_token' AND x."AuthorizationId" IS NULL
            WHEN 'ac' THEN x."Type" LIKE '%access_token' AND x."AuthorizationId" IS NOT NULL
            ELSE x."Type" = 'refresh_token' OR x."Type" LIKE '%refresh_token' END
    ORDER BY x."Id" DESC LIMIT 1) t;   -- ids are time-ordered: a backward primary-key scan, no full table scan

SELECT kind, "Type", length("Payload") AS payload_chars, "ExpirationDate" - "CreationDate" AS lifetime,
       "AuthorizationId" IS NOT NULL AS has_authorization, coalesce(length("Properties"), 0) AS properties_chars
FROM tpl ORDER BY kind;

DO $$BEGIN
  IF (SELECT count(*) FROM tpl) <> 3 THEN
    RAISE EXCEPTION 'need one server-written row of each kind (cc, ac, rt) from the last day; found %', (SELECT string_agg(kind, ',') FROM tpl);
  END IF;
END$$;

-- 1,000 random hex payloads per kind, each of the template's length (short enough to stay uncompressed in the row).
CREATE TEMP TABLE pool ON COMMIT DROP AS
SELECT tpl.kind, g AS n,
       substr((SELECT string_agg(md5(random()::text || g::text || x::text), '') FROM generate_series(0, length(tpl."Payload") / 32) x),
              1, length(tpl."Payload")) AS p
FROM tpl CROSS JOIN generate_series(0, 999) g;
ANALYZE pool;

-- Authorizations for the code-flow rows (only once per database).
CREATE TEMP TABLE auths ON COMMIT DROP AS
SELECT row_number() OVER () - 1 AS n, "Id" FROM "OpenIddictAuthorizations" WHERE "Id" LIKE 'bench-%';
INSERT INTO "OpenIddictAuthorizations" ("Id", "ApplicationId", "ConcurrencyToken", "CreationDate", "Properties", "Scopes", "Status", "Subject", "Type")
SELECT 'bench-' || lpad(g::text, 8, '0'), a."ApplicationId", gen_random_uuid()::text, now() - interval '30 days',
       a."Properties", a."Scopes", a."Status", a."Subject", a."Type"
FROM generate_series(0, 99999) g
CROSS JOIN (SELECT au.* FROM "OpenIddictAuthorizations" au JOIN tpl ON tpl.kind = 'ac' AND au."Id" = tpl."AuthorizationId") a
WHERE NOT EXISTS (SELECT 1 FROM auths);
INSERT INTO auths SELECT g, 'bench-' || lpad(g::text, 8, '0') FROM generate_series(0, 99999) g WHERE NOT EXISTS (SELECT 1 FROM auths);
ANALYZE auths;

CREATE TEMP TABLE saved_indexes ON COMMIT DROP AS
SELECT indexname, indexdef FROM pg_indexes
WHERE schemaname = 'public' AND tablename = 'OpenIddictTokens' AND indexname <> 'PK_OpenIddictTokens' AND :'rebuild' = 'on';
DO $$DECLARE r record; BEGIN
  FOR r IN SELECT indexname FROM saved_indexes LOOP EXECUTE format('DROP INDEX %I', r.indexname); END LOOP;
END$$;

INSERT INTO "OpenIddictTokens" ("Id", "ApplicationId", "AuthorizationId", "ConcurrencyToken", "CreationDate", "ExpirationDate",
                                "Payload", "Properties", "RedemptionDate", "ReferenceId", "Status", "Subject", "Type")
SELECT
    substr(h, 1, 8) || '-' || substr(h, 9, 4) || '-7' || substr(r, 1, 3) || '-8' || substr(r, 4, 3) || '-' || substr(r, 7, 12),
    t."ApplicationId",
    CASE WHEN t.kind = 'cc' THEN NULL ELSE au."Id" END,
    gen_random_uuid()::text,
    s.created,
    CASE WHEN :'mode' = 'expired' THEN s.created + interval '1 hour' ELSE s.created + (t."ExpirationDate" - t."CreationDate") END,
    pl.p,
    t."Properties",
    CASE WHEN t.kind = 'rt' AND s.i % 4 = 0 THEN s.created + interval '30 minutes' END,
    encode(sha256(convert_to(:'salt' || s.i::text, 'UTF8')), 'base64'),
    CASE WHEN t.kind = 'rt' AND s.i % 4 = 0 THEN 'redeemed' ELSE t."Status" END,
    t."Subject",
    t."Type"
FROM (
    SELECT g AS i,
           now() - :'oldest'::interval + (:'oldest'::interval - :'newest'::interval) * (g::float8 / :count) AS created
    FROM generate_series(0, :count - 1) g) s
CROSS JOIN LATERAL (SELECT lpad(to_hex((extract(epoch FROM s.created) * 1000)::bigint), 12, '0') AS h,
                           md5(:'salt' || s.i::text) AS r) ids
JOIN tpl t ON t.kind = CASE WHEN :'mode' = 'expired' THEN 'cc'
                            WHEN s.i % 10 < 6 THEN 'cc' WHEN s.i % 10 < 8 THEN 'ac' ELSE 'rt' END
JOIN pool pl ON pl.kind = t.kind AND pl.n = s.i % 1000
LEFT JOIN auths au ON au.n = s.i % 100000;

DO $$DECLARE r record; BEGIN
  FOR r IN SELECT indexdef FROM saved_indexes LOOP EXECUTE r.indexdef; END LOOP;
END$$;
COMMIT;
\if :vacuum
-- VACUUM as well as ANALYZE: otherwise autovacuum would start on the new rows during the measurements.
VACUUM (ANALYZE) "OpenIddictTokens";
VACUUM (ANALYZE) "OpenIddictAuthorizations";
\else
ANALYZE "OpenIddictTokens";
\endif
SELECT reltuples::bigint AS tokens_estimate, pg_size_pretty(pg_total_relation_size('"OpenIddictTokens"')) AS table_with_indexes
FROM pg_class WHERE oid = '"OpenIddictTokens"'::regclass;
