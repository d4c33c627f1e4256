# Shared by the bench scripts (sourced): ports, the ADMIN token catalogd trusts, readiness, logs
# and cleanup. Expects `die`, and sets `pids`, `work_dir` and `failed`.

readonly kReadyTimeoutSeconds=30

# A port nothing listens on at 127.0.0.1 (the servers bind it a moment later).
free_port() {
  local port
  for _ in $(seq 100); do
    port=$((20000 + RANDOM % 40000))
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

