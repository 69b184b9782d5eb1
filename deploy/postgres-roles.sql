-- The workspace's two PostgreSQL roles on a hub (deploy/README.md, "The database's roles").
--
--   owner  owns the tables: the migrations (run when the workspace is opened) and thinning
--          (`social-playbook thin`, from cron, a systemd timer or a Kubernetes CronJob) run
--          as it. Its URL is never given to a participant's server.
--   app    what every participant's kernels connect as: it may read the workspace and append
--          to it (create a team, save a revision, protect a revision, post or clear the
--          room's notice), and nothing else: no UPDATE, DELETE, TRUNCATE, DROP, no new
--          tables, no other database.
--
-- Run it as a superuser (or a role with CREATEROLE that owns the database), connected to the
-- workspace's database, after the owner has opened the workspace once (so the tables exist),
-- and again after every upgrade of social-playbook that adds a migration:
--
--   sudo -u postgres psql -d playbook -v owner=playbook -v app=playbook_app \
--        -f deploy/postgres-roles.sql
--
-- It creates the app role when it is missing (without a password: set one with
-- `\password playbook_app` in psql, so it is never in a file or on a command line) and
-- leaves it with exactly the rights below, whatever it had before. Running it twice
-- changes nothing.

\set ON_ERROR_STOP on
\if :{?owner}
\if :{?app}
\set roles_given true
\endif
\endif
\if :{?roles_given}
\else
DO $usage$ BEGIN
  RAISE EXCEPTION 'Give the roles: psql -v owner=OWNER_ROLE -v app=APP_ROLE -f deploy/postgres-roles.sql';
END $usage$;
\endif

BEGIN;

-- The checks below read the role names from the transaction (a DO block sees no psql variable).
SET LOCAL social_playbook.owner = :'owner';
SET LOCAL social_playbook.app = :'app';

DO $checks$
DECLARE
  owner_role text := current_setting('social_playbook.owner');
  app_role text := current_setting('social_playbook.app');
  table_name text;
BEGIN
  IF owner_role = app_role THEN
    RAISE EXCEPTION 'The app role must not be the owner (both are "%").', app_role;
  END IF;
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = owner_role) THEN
    RAISE EXCEPTION 'There is no role "%" to own the workspace.', owner_role;
  END IF;
  FOREACH table_name IN ARRAY ARRAY['alembic_version', 'teams', 'revisions',
                                     'protected_revisions', 'room_notices'] LOOP
    IF to_regclass('public.' || table_name) IS NULL THEN
      RAISE EXCEPTION 'The workspace has no table "%" yet: open it once as "%" first '
        '(SOCIAL_PLAYBOOK_DB=<the owner''s URL> social-playbook teams).', table_name, owner_role;
    END IF;
    IF (SELECT tableowner FROM pg_tables
        WHERE schemaname = 'public' AND tablename = table_name) <> owner_role THEN
      RAISE EXCEPTION 'Table "%" is not owned by "%": the migrations must run as the owner.',
        table_name, owner_role;
    END IF;
  END LOOP;
END
$checks$;

-- The app role: it logs in and has no power of its own, and it is no member of the owner.
SELECT format('CREATE ROLE %I LOGIN', :'app')
WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = :'app') \gexec
ALTER ROLE :"app" LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS;
SELECT format('REVOKE %I FROM %I', :'owner', :'app')
WHERE pg_has_role(:'app', :'owner', 'MEMBER') \gexec

-- This database: only its owner and the app role connect; nobody else creates in it.
SELECT format('REVOKE ALL ON DATABASE %I FROM PUBLIC', current_database()) \gexec
SELECT format('REVOKE ALL ON DATABASE %I FROM %I', current_database(), :'app') \gexec
SELECT format('GRANT CONNECT ON DATABASE %I TO %I', current_database(), :'app') \gexec
SELECT format('GRANT CONNECT ON DATABASE %I TO %I', current_database(), :'owner') \gexec
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
GRANT USAGE, CREATE ON SCHEMA public TO :"owner";  -- later migrations add tables
REVOKE ALL ON SCHEMA public FROM :"app";
GRANT USAGE ON SCHEMA public TO :"app";

-- Exactly what the apps run (socialplaybook/workspace/store.py and room.py): they read
-- everything, insert teams, revisions, protections and the room's notices (a notice is
-- cleared by appending one with no text), and never update or delete a row. The new rows'
-- ids come from the tables' sequences (USAGE allows nextval, not setval).
REVOKE ALL ON ALL TABLES IN SCHEMA public FROM :"app";
REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM :"app";
GRANT SELECT ON alembic_version TO :"app";
GRANT SELECT, INSERT ON teams, revisions, protected_revisions, room_notices TO :"app";
GRANT USAGE ON SEQUENCE teams_id_seq, revisions_id_seq, room_notices_id_seq TO :"app";

COMMIT;
