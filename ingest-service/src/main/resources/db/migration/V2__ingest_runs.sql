-- Runs with search_path = ingest (quarkus.flyway.schemas).

-- One row per run of a source, scheduled or requested: what it fetched and what became of it.
create table ingest_run (
    id              bigint      generated always as identity primary key,
    source          text        not null,                    -- huggingface | arxiv-rss | arxiv-api
    trigger         text        not null check (trigger in ('SCHEDULE', 'REQUEST')),
    requested_date  date,                                    -- the day fetched; null: the feed's latest announcement
    status          text        not null check (status in ('RUNNING', 'SUCCEEDED', 'FAILED')),
    started_at      timestamptz not null,
    finished_at     timestamptz,
    fetched         integer     not null default 0,          -- entries in the answer, valid or not
    new_papers      integer     not null default 0,          -- stored and announced on papers.new
    already_known   integer     not null default 0,          -- stored before: merged, not announced
    revised         integer     not null default 0,          -- a newer version recorded, not announced
    skipped         integer     not null default 0,          -- invalid entries, never stored
    errors          integer     not null default 0,          -- valid entries the database refused
    skipped_reasons text[]      not null default '{}',       -- the first reasons, capped
    error_reasons   text[]      not null default '{}',
    failure_reason  text                                     -- why a FAILED run failed
);

-- At most one running run per source, whichever instance started it: a second start finds nothing to insert.
create unique index ingest_run_one_running_per_source on ingest_run (source) where status = 'RUNNING';

-- GET /api/ingest/runs, newest first, all sources or one.
create index ingest_run_newest on ingest_run (started_at desc, id desc);
create index ingest_run_source_newest on ingest_run (source, started_at desc, id desc);
