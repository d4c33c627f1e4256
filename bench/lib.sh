# Shared by the bench scripts (sourced): ports, the ADMIN token catalogd trusts, readiness, logs
# and cleanup; wrk scenarios, their checks and the rows of the result tables. Expects `die`,
# `bench_dir` and `duration`, and sets `pids`, `work_dir`, `failed` and `failures`.

readonly kReadyTimeoutSeconds=30
readonly kWrkThreads=2
connections=50  # wrk's keep-alive connections; a script may change it between scenarios

# A port nothing listens on at 127.0.0.1 (the servers bind it a moment later), below the
# kernel's ephemeral range (32768 and up), where an outgoing connection could be holding it.
free_port() {
  local port
  for _ in $(seq 100); do
    port=$((20000 + RANDOM % 12768))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "$port"
      return
    fi
  done
  die "no free port found"
}

base64url() { openssl base64 -A | tr '+/' '-_' | tr -d '='; }

# Generates the key pair catalogd trusts (CATALOG_SECURITY_PUBLIC_KEY_FILE) and signs an RS256
# ADMIN token with the issuer and audience catalogd expects by default. catalogd verifies it on
# every request as it verifies the identity plugin's tokens, so the requests measured pay what
# real ones pay. It stays valid an hour beyond the scenarios.
create_token() {
  private_key="$work_dir/token-signing-key.pem"
  public_key="$work_dir/token-signing-key.pub.pem"
  openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$private_key" 2>/dev/null ||
    die "openssl cannot generate an RSA key"
  openssl pkey -in "$private_key" -pubout -out "$public_key" ||
    die "openssl cannot write $public_key"
  local now header claims signed
  now="$(date +%s)"
  header='{"alg":"RS256","typ":"JWT"}'
  claims='{"sub":"bench","username":"bench","role":"ADMIN","iss":"catalog-identity",'
  claims+="\"aud\":\"catalog-api\",\"iat\":$now,\"exp\":$((now + 5 * ${duration:-60} + 3600))}"
  signed="$(printf '%s' "$header" | base64url).$(printf '%s' "$claims" | base64url)"
  token="$signed.$(printf '%s' "$signed" | openssl dgst -sha256 -sign "$private_key" | base64url)"
  export BENCH_TOKEN="$token"  # percentiles.lua puts it on every wrk request
}

pids=()
work_dir=""
failed=0
failures=()
declare -gA results=()

cleanup() {
  local pid
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  [[ -z "$work_dir" ]] && return
  if [[ "$failed" -eq 0 ]]; then
    rm -rf "$work_dir"
  else
    echo "logs and wrk output kept in $work_dir" >&2
  fi
}

# show_log LOG: the log's distinct messages (catalogd's JSON lines without time and correlation
# id) with their counts, most frequent first, then its last line.
show_log() {
  echo "---- $1: distinct messages" >&2
  sed -e 's/.*"level":"\([A-Z]*\)".*"message":"\(.*\)"}$/\1 \2/' "$1" |
    sort | uniq -c | sort -rn | head -n 10 >&2
  echo "---- last line:" >&2
  tail -n 1 "$1" >&2
  echo "----" >&2
}

# wait_ready NAME PID LOG URL: polls URL until it answers 2xx; fails if the process exits.
wait_ready() {
  local name="$1" pid="$2" log="$3" url="$4"
  for _ in $(seq $((kReadyTimeoutSeconds * 10))); do
    if ! kill -0 "$pid" 2>/dev/null; then
      failed=1
      show_log "$log"
      die "$name exited before it was ready"
    fi
    curl -sf -o /dev/null "$url" && return
    sleep 0.1
  done
  failed=1
  show_log "$log"
  die "$name not ready at $url after ${kReadyTimeoutSeconds}s"
}

# The baseline, bare-poco-server from $build_dir; sets bare_port and bare_pid.
start_bare_server() {
  bare_port="$(free_port)"
  "$build_dir/bench/bare-poco-server" --port="$bare_port" >"$work_dir/bare-poco-server.log" 2>&1 &
  bare_pid=$!
  pids+=("$bare_pid")
  wait_ready bare-poco-server "$bare_pid" "$work_dir/bare-poco-server.log" \
    "http://127.0.0.1:$bare_port/"
}

install_wrk() {
  command -v wrk >/dev/null && return
  echo "== installing wrk"
  local sudo=()
  [[ "$(id -u)" -eq 0 ]] || sudo=(sudo)
  "${sudo[@]}" apt-get update -qq
  "${sudo[@]}" apt-get install -y -qq wrk >/dev/null
}

# run_wrk NAME URL SCRIPT [ARGS...]: measures and stores in `results` the BENCH line of the
# scenario, with $connections connections.
run_wrk() {
  local name="$1" url="$2" script="$3"
  shift 3
  local output="$work_dir/$name.txt"
  echo "== $name: $url"
  wrk -t "$kWrkThreads" -c "$connections" -d "${duration}s" --timeout 10s --latency \
    -s "$bench_dir/$script" "$url" ${1:+--} "$@" >"$output" 2>&1 || {
    failed=1
    cat "$output" >&2
    die "wrk failed in $name"
  }
  if ! grep -q '^BENCH ' "$output"; then
    failed=1
    cat "$output" >&2
    die "no BENCH line from wrk in $name"
  fi
  results["$name"]="$(grep '^BENCH ' "$output")"
}

# warm_up URL [SCRIPT [ARGS...]]: 2 s of load, not measured, so that a scenario finds the
# server's threads started and its caches filled. Without SCRIPT, every request is a GET of URL.
warm_up() {
  local url="$1" request_options=(-H "Authorization: Bearer $token")
  if [[ $# -gt 1 ]]; then
    request_options=(-s "$bench_dir/$2")
    shift 2
  else
    shift
  fi
  wrk -t "$kWrkThreads" -c "$connections" -d 2s "${request_options[@]}" "$url" ${1:+--} "$@" \
    >/dev/null 2>&1 || true
}

# field NAME KEY: a value of the BENCH line of a scenario.
field() {
  tr ' ' '\n' <<<"${results[$1]}" | sed -n "s/^$2=//p"
}

# check NAME PID LOG EXPECTED_STATUS: fails the run (after the table) on any request error.
check() {
  local name="$1" pid="$2" log="$3" expected="$4"
  local problems=()
  local kind count statuses
  for kind in connect read write timeout status; do
    count="$(field "$name" "errors_$kind")"
    [[ "$count" -eq 0 ]] || problems+=("$count $kind error(s)")
  done
  statuses="$(field "$name" statuses)"
  if [[ "$statuses" != "-" && "$statuses" != "$expected:"* || "$statuses" == *,* ]]; then
    problems+=("statuses $statuses, expected only $expected")
  fi
  if ! kill -0 "$pid" 2>/dev/null; then
    problems+=("the server is no longer running")
  fi
  [[ ${#problems[@]} -eq 0 ]] && return
  failed=1
  failures+=("$name: $(IFS=';'; echo "${problems[*]}")")
  grep -E 'Non-2xx|Socket errors' "$work_dir/$name.txt" >&2 || true
  show_log "$log"
  kill -0 "$pid" 2>/dev/null || die "$name: the server died; see $log"
}

ms() { awk -v us="$1" 'BEGIN { printf "%.2f", us / 1000 }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else printf "-" }'; }

# ok_rps NAME: responses below 400 per second (wrk counts status >= 400 as errors_status).
ok_rps() {
  awk -v n="$(field "$1" requests)" -v e="$(field "$1" errors_status)" \
    -v s="$(field "$1" seconds)" 'BEGIN { printf "%.0f", (n - e) / s }'
}

print_row() {
  local name="$1" label="$2"
  printf '%-42s %8.0f %8s %8s %8s %8s %8s\n' "$label" "$(field "$name" rps)" "$(ok_rps "$name")" \
    "$(ms "$(field "$name" p50_us)")" "$(ms "$(field "$name" p95_us)")" \
    "$(ms "$(field "$name" p99_us)")" "$(field "$name" errors_status)"
}

print_ratio() {
  local label="$1" catalogd="$2" bare="$3"
  printf '%-42s %8s %8s %8s %8s %8s\n' "$label" \
    "$(ratio "$(field "$catalogd" rps)" "$(field "$bare" rps)")" \
    "$(ratio "$(ok_rps "$catalogd")" "$(ok_rps "$bare")")" \
    "$(ratio "$(field "$catalogd" p50_us)" "$(field "$bare" p50_us)")" \
    "$(ratio "$(field "$catalogd" p95_us)" "$(field "$bare" p95_us)")" \
    "$(ratio "$(field "$catalogd" p99_us)" "$(field "$bare" p99_us)")"
}
