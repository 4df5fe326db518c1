-- Flyway runs this after every migrate, under its lock, before the service consumes or sends anything.
--
-- Digests order matches by PostgreSQL transaction id (V3: paper_queries.txid, subscriber.digest_from_txid). Ids only
-- grow within one cluster; a dump restored into another cluster brings ids from ahead of that cluster's own, and
-- every new match would sort before the digests' ranges: never mailed. Such ids are recognisable (no transaction
-- of this cluster can have written them yet); they are all moved down by one amount, which keeps every comparison
-- between them as it was, to just below the oldest running transaction, so new matches sort after them again.
do $$
declare
    newest  bigint := greatest((select max(txid) from paper_queries), (select max(digest_from_txid) from subscriber));
    oldest_running bigint := pg_snapshot_xmin(pg_current_snapshot())::text::bigint;
    shift   bigint;
begin
    if newest is not null and newest >= pg_current_xact_id()::text::bigint then
        shift := newest - oldest_running + 1;
        update paper_queries set txid = txid - shift;
        update subscriber set digest_from_txid = digest_from_txid - shift;
        raise warning 'paper-digest: transaction ids from another PostgreSQL cluster (a restored dump): digest ranges moved down by %', shift;
    end if;
end $$;
