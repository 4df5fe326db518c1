-- Runs with search_path = ingest (quarkus.flyway.schemas).

-- One row per paper, keyed by the canonical arXiv id (no version suffix).
create table paper (
    id               text        primary key,
    version          integer     check (version >= 1),
    title            text        not null,
    abstract         text        not null,
    authors          text[]      not null default '{}',
    categories       text[]      not null default '{}',
    primary_category text,
    published_at     timestamptz,
    links            jsonb       not null,
    upvotes          integer     check (upvotes >= 0),
    sources          text[]      not null default '{}',
    first_seen_at    timestamptz not null,
    updated_at       timestamptz not null
);

-- Transactional outbox: written with the paper, published by OutboxRelay.
create table outbox_event (
    id           uuid        primary key,                       -- the CloudEvents id
    seq          bigint      generated always as identity,      -- publication order
    aggregate_id text        not null,                          -- the Kafka key
    type         text        not null,                          -- the CloudEvents type
    payload      text        not null,                          -- the record value, JSON as sent
    created_at   timestamptz not null,                          -- the CloudEvents time
    published_at timestamptz                                    -- null until the broker acknowledged it
);

-- The relay only ever looks for unpublished rows; keep that lookup small however long the history grows.
create index outbox_event_unpublished on outbox_event (seq) where published_at is null;
