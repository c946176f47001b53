#!/usr/bin/env bash
# The 2-minute variant of bench/soak/run.sh meant for CI: 4 SRT and 1 RTMP publishers, 20 HLS
# viewers, 1 API client, 30 s of warm-up. About 5 minutes in all with the server's start, so it is
# not in .ci/run (docs/reliability.md, "Soak"); run it by hand before a release:
#   bench/soak/short.sh
set -euo pipefail
export SRT_PUBLISHERS=${SRT_PUBLISHERS:-4} RTMP_PUBLISHERS=${RTMP_PUBLISHERS:-1} VIEWERS=${VIEWERS:-20}
export API_CLIENTS=${API_CLIENTS:-1} WARMUP=${WARMUP:-30}
exec "$(dirname "$0")/run.sh" 2
