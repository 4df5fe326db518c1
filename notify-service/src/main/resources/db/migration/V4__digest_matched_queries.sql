-- Which of the subscriber's queries matched each paper of a digest, written when the digest is assembled: the
-- sender then needs neither paper_queries' long query lists (thousands of ids per paper at a million topics) nor the
-- subscriber's topics as they are by then. query_ids: the subscriber's distinct queries, sorted; paper_query_bits[i]:
-- bit j set when paper_ids[i] matched query_ids[j]. Null for digests assembled before, and for a subscriber with
-- more than 63 distinct queries (possible only for topics carried over from before the 20-topic limit).
alter table digest add column query_ids bigint[];
alter table digest add column paper_query_bits bigint[];
