-- reporting.streams: dvr and dvr_root from the streams' DVR settings (V3 wrote NULL for both before
-- streams had them). Same columns, names and types, so the grants to the role reporting stay.
-- dvr is the settings as the configuration text writes them after 'dvr' (durations in seconds,
-- sizes in bytes), 'offline' added when recording is switched off; both are NULL without a DVR.
CREATE OR REPLACE VIEW reporting.streams AS
SELECT s.name,
       s.title,
       CASE WHEN s.publish_enabled
                 OR EXISTS (SELECT 1 FROM stream_inputs i WHERE i.stream = s.name AND lower(i.url) LIKE 'publish://%')
            THEN 'publish' ELSE 'static' END AS type,
       CASE WHEN s.disabled THEN 'disabled' WHEN st.alive THEN 'running' ELSE 'stopped' END AS status,
       coalesce(st.alive, false)     AS alive,
       coalesce(st.bitrate_in, 0)    AS bitrate,
       coalesce(st.bitrate_out, 0)   AS bitrate_out,
       coalesce(st.clients, 0)       AS client_count,
       coalesce(st.errors, 0)        AS errors,
       (SELECT string_agg(i.url, ' ' ORDER BY i.position) FROM stream_inputs i WHERE i.stream = s.name) AS urls,
       s.disabled,
       s.publish_enabled,
       s.segment_duration,
       s.segment_count,
       CASE WHEN s.dvr_root IS NOT NULL
            THEN concat_ws(' ', s.dvr_root, s.dvr_depth || 's', s.dvr_disk_limit || '%', s.dvr_storage_limit || 'B',
                           'schedule=' || s.dvr_schedule, CASE WHEN s.dvr_offline THEN 'offline' END)
            END::varchar(255)        AS dvr,
       s.dvr_root::varchar(2048)     AS dvr_root,
       st.node                       AS server,
       st.minute                     AS stats_minute,
       s.updated_at
  FROM streams s
  LEFT JOIN LATERAL (SELECT x.* FROM stream_stats x
                      WHERE x.stream = s.name AND x.minute >= now() - interval '3 minutes'
                      ORDER BY x.minute DESC LIMIT 1) st ON true;
