#!/usr/bin/env bash
# The 2-minute size of bench/soak/run.sh: 4 SRT and 1 RTMP publishers, 20 HLS viewers, 1 API
# client, 30 s of warm-up, on a server of its own (about 5 minutes in all with the server's start).
# CI runs the same size as an integration test on the suite's server instead, SoakIT
# (docs/reliability.md, "In CI: SoakIT"); this one is for a quick run by hand:
#   bench/soak/short.sh
set -euo pipefail
export SRT_PUBLISHERS=${SRT_PUBLISHERS:-4} RTMP_PUBLISHERS=${RTMP_PUBLISHERS:-1} VIEWERS=${VIEWERS:-20}
export API_CLIENTS=${API_CLIENTS:-1} WARMUP=${WARMUP:-30}
exec "$(dirname "$0")/run.sh" 2
