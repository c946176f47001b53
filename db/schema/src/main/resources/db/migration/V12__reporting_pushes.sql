-- reporting.pushes: every configured push with what its events say about it. URLs lose the values
-- of their secret query parameters and the password of their user info: reporting logins must not
-- learn SRT passphrases or publish passwords. bytes_sent adds up the push_stopped events still in
-- the event log; a push that is sending now has its current connection's bytes in the API only.
CREATE VIEW reporting.pushes AS
SELECT p.stream                                                   AS name,
       p.position,
       regexp_replace(regexp_replace(p.url, '([?&](passphrase|password|pass|key|token|secret)=)[^&]*', '\1***', 'gi'),
                      '^([a-z]+://[^/:@]*):[^/@]*@', '\1:***@', 'i')::varchar(2048) AS url,
       p.disabled,
       p.retry_timeout,
       p.retry_limit,
       p.timeout,
       started.occurred_at                                        AS last_started_at,
       stopped.occurred_at                                        AS last_stopped_at,
       stopped.data ->> 'reason'                                  AS last_stop_reason,
       failed.occurred_at                                         AS last_failed_at,
       failed.data ->> 'reason'                                   AS last_failure_reason,
       coalesce(sent.bytes, 0)                                    AS bytes_sent,
       coalesce(sent.connections, 0)                              AS connections
  FROM stream_pushes p
  LEFT JOIN LATERAL (SELECT e.occurred_at FROM events e
                      WHERE e.stream = p.stream AND e.type = 'push_started' AND e.data ->> 'url' = p.url
                      ORDER BY e.occurred_at DESC LIMIT 1) started ON true
  LEFT JOIN LATERAL (SELECT e.occurred_at, e.data FROM events e
                      WHERE e.stream = p.stream AND e.type = 'push_stopped' AND e.data ->> 'url' = p.url
                      ORDER BY e.occurred_at DESC LIMIT 1) stopped ON true
  LEFT JOIN LATERAL (SELECT e.occurred_at, e.data FROM events e
                      WHERE e.stream = p.stream AND e.type = 'push_failed' AND e.data ->> 'url' = p.url
                      ORDER BY e.occurred_at DESC LIMIT 1) failed ON true
  LEFT JOIN LATERAL (SELECT sum((e.data ->> 'bytes')::bigint) AS bytes, count(*) AS connections FROM events e
                      WHERE e.stream = p.stream AND e.type = 'push_stopped' AND e.data ->> 'url' = p.url) sent ON true;
