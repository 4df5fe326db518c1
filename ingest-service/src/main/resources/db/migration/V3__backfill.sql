-- Backfill: runs that fill an empty store with the last days' papers, announced on papers.new marked as such
-- (CloudEvent extension backfill), so notify-service stores them for previews but mails them to nobody.
alter table ingest_run drop constraint ingest_run_trigger_check;
alter table ingest_run add constraint ingest_run_trigger_check check (trigger in ('SCHEDULE', 'REQUEST', 'BACKFILL'));
alter table outbox_event add column backfill boolean not null default false;

-- A run over several days (a backfill, a scheduled run catching up) shows how far it got while it runs.
alter table ingest_run add column first_date date;
alter table ingest_run add column days_total integer check (days_total >= 1);
alter table ingest_run add column days_fetched integer not null default 0;
