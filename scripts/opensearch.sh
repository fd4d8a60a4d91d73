#!/usr/bin/env bash
# A real single-node OpenSearch for development, tests and CI, installed into .opensearch/.
#
#   scripts/opensearch.sh install   fetch OpenSearch + k-NN from Maven Central (reuses a copy)
#   scripts/opensearch.sh start     install if needed, start on 127.0.0.1, wait until healthy
#   scripts/opensearch.sh stop      stop it and wait until it is gone
#   scripts/opensearch.sh status    say whether it runs and how healthy it is
#   scripts/opensearch.sh restart
#   scripts/opensearch.sh pid       print the node's process id (exit 3 when not running)
#   scripts/opensearch.sh home      print the node's directory (data, logs, config, pid file)
#
# Environment (all optional):
#   OPENSEARCH_PORT            HTTP port (default 9200); transport uses OPENSEARCH_TRANSPORT_PORT
#   OPENSEARCH_VERSION         2.x release with a matching k-NN plugin on Maven Central (2.19.1)
#   OPENSEARCH_HEAP            JVM heap, used for -Xms/-Xmx as "min max" (default "512m 1g")
#   OPENSEARCH_START_TIMEOUT   seconds to wait for a yellow/green cluster (default 180)
#   OPENSEARCH_HOME_DIR        where to install and keep data/logs (default <repo>/.opensearch)
#   OPENSEARCH_INSTANCE_DIR    data/logs/config/pid of this node (default: the home dir for port
#                              9200, <home>/node-<port> for any other port)
#   OPENSEARCH_RUN_USER        unprivileged user to run as when invoked as root (default opensearch)
#
# Why the extra pieces: the Maven "integ-test-zip" distribution ships only the transport module
# and no JDK. The k-NN plugin extends lang-painless, and the analyzers talentmatch declares
# (pattern tokenizer, lowercase, snowball, asciifolding) live in analysis-common, so both modules
# are assembled from their Maven jars. The k-NN zip on Maven Central has no native Faiss/NMSLIB
# libraries; talentmatch only uses the pure-Java `lucene` engine, which needs none.
# OpenSearch refuses to run as root, so as root it runs as an unprivileged system user.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VERSION="${OPENSEARCH_VERSION:-2.19.1}"
KNN_VERSION="${VERSION}.0"
PORT="${OPENSEARCH_PORT:-9200}"
TRANSPORT_PORT="${OPENSEARCH_TRANSPORT_PORT:-$((PORT + 100))}"
HEAP="${OPENSEARCH_HEAP:-512m 1g}"
START_TIMEOUT="${OPENSEARCH_START_TIMEOUT:-180}"
BASE="${OPENSEARCH_HOME_DIR:-$ROOT/.opensearch}"
RUN_USER="${OPENSEARCH_RUN_USER:-opensearch}"

say() { printf 'opensearch.sh: %s\n' "$*" >&2; }
die() { say "ERROR: $*"; exit 1; }

# As root, OpenSearch runs as $RUN_USER, who must be able to reach $BASE. A fresh clone under
# /root (mode 700) is not reachable: then everything lives under /var/tmp instead.
if [[ $EUID -eq 0 && -z "${OPENSEARCH_HOME_DIR:-}" ]]; then
    if ! id -u "$RUN_USER" >/dev/null 2>&1; then
        useradd --system --no-create-home --shell /usr/sbin/nologin "$RUN_USER" 2>/dev/null \
            || useradd -r -M -s /bin/false "$RUN_USER" \
            || die "could not create user '$RUN_USER'; create it or run as a non-root user"
        say "created system user '$RUN_USER' (OpenSearch refuses to run as root)"
    fi
    if ! runuser -u "$RUN_USER" -- test -x "$ROOT"; then
        BASE="/var/tmp/talentmatch-opensearch/$(printf '%s' "$ROOT" | md5sum | cut -c1-12)"
        mkdir -p "$BASE"
        chmod 755 /var/tmp/talentmatch-opensearch
    fi
fi

OS_HOME="$BASE/opensearch-$VERSION"
DOWNLOADS="$BASE/downloads/$VERSION"
# One node per HTTP port: the default port keeps its files directly in $BASE, others (e.g. the
# throw-away node of the fault tests) under $BASE/node-<port>, so they never share data.
if [[ "$PORT" == 9200 ]]; then INSTANCE="${OPENSEARCH_INSTANCE_DIR:-$BASE}"; else INSTANCE="${OPENSEARCH_INSTANCE_DIR:-$BASE/node-$PORT}"; fi
DATA_DIR="$INSTANCE/data"
LOG_DIR="$INSTANCE/logs"
RUN_DIR="$INSTANCE/run"
CONF_DIR="$INSTANCE/config"
PID_FILE="$RUN_DIR/opensearch.pid"
URL="http://127.0.0.1:$PORT"

# --- prerequisites -------------------------------------------------------------------------

need_tools() {
    local missing=()
    command -v java >/dev/null 2>&1 || missing+=(openjdk-17-jre-headless)
    command -v mvn >/dev/null 2>&1 || missing+=(maven)
    command -v unzip >/dev/null 2>&1 || missing+=(unzip)
    command -v curl >/dev/null 2>&1 || missing+=(curl)
    if ((${#missing[@]})); then
        if [[ $EUID -eq 0 ]] && command -v apt-get >/dev/null 2>&1; then
            say "installing ${missing[*]} with apt-get"
            apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
        else
            die "missing ${missing[*]}; install them (Debian/Ubuntu: apt-get install ${missing[*]})"
        fi
    fi
    local jv
    jv="$(java -version 2>&1 | head -1 | sed -E 's/.*version "([0-9]+).*/\1/')"
    [[ "$jv" =~ ^[0-9]+$ && "$jv" -ge 11 ]] || die "OpenSearch $VERSION needs Java 11+ (17 recommended); found: $(java -version 2>&1 | head -1)"
}

java_home() {
    if [[ -n "${OPENSEARCH_JAVA_HOME:-}" ]]; then echo "$OPENSEARCH_JAVA_HOME"; return; fi
    dirname "$(dirname "$(readlink -f "$(command -v java)")")"
}

# --- install -------------------------------------------------------------------------------

write_fetch_pom() {
    local pom="$1"
    local deps=""
    add() { deps+="    <dependency><groupId>$1</groupId><artifactId>$2</artifactId><version>$3</version><type>$4</type></dependency>"$'\n'; }
    add org.opensearch.distribution.integ-test-zip opensearch "$VERSION" zip
    add org.opensearch.plugin opensearch-knn "$KNN_VERSION" zip
    add org.opensearch.plugin lang-painless "$VERSION" jar
    add org.opensearch.plugin opensearch-scripting-painless-spi "$VERSION" jar
    add org.opensearch.plugin analysis-common "$VERSION" jar
    add org.antlr antlr4-runtime 4.13.1 jar
    for a in asm asm-util asm-tree asm-commons asm-analysis; do add org.ow2.asm "$a" 9.7 jar; done
    cat >"$pom" <<EOF
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>talentmatch</groupId><artifactId>opensearch-fetch</artifactId><version>1</version>
  <packaging>pom</packaging>
  <dependencies>
$deps  </dependencies>
</project>
EOF
}

fetch() {
    if [[ -f "$DOWNLOADS/.complete" ]]; then return; fi
    mkdir -p "$DOWNLOADS"
    write_fetch_pom "$DOWNLOADS/pom.xml"
    say "fetching OpenSearch $VERSION and k-NN $KNN_VERSION from Maven Central"
    if ! mvn -q -B -f "$DOWNLOADS/pom.xml" dependency:copy-dependencies \
        -DexcludeTransitive=true -DoutputDirectory="$DOWNLOADS" >"$DOWNLOADS/mvn.log" 2>&1; then
        tail -20 "$DOWNLOADS/mvn.log" >&2
        die "maven could not fetch OpenSearch $VERSION (is it on Maven Central with a k-NN $KNN_VERSION?); set OPENSEARCH_VERSION"
    fi
    touch "$DOWNLOADS/.complete"
}

write_module() {  # name classname extended-plugins jars...
    local name="$1" cls="$2" ext="$3"; shift 3
    local dir="$OS_HOME/modules/$name"
    mkdir -p "$dir"
    for j in "$@"; do cp "$DOWNLOADS/$j" "$dir/"; done
    cat >"$dir/plugin-descriptor.properties" <<EOF
description=$name module assembled from Maven Central by talentmatch
version=$VERSION
name=$name
classname=$cls
java.version=11
opensearch.version=$VERSION
extended.plugins=$ext
has.native.controller=false
EOF
}

install() {
    need_tools
    if [[ -f "$OS_HOME/.talentmatch-installed" ]]; then
        say "reusing OpenSearch $VERSION in $OS_HOME"
        return
    fi
    fetch
    say "unpacking into $OS_HOME"
    rm -rf "$OS_HOME" "$BASE/unpack"
    mkdir -p "$BASE/unpack"
    unzip -q "$DOWNLOADS/opensearch-$VERSION.zip" -d "$BASE/unpack"
    mv "$BASE/unpack/opensearch-$VERSION" "$OS_HOME"
    rmdir "$BASE/unpack"

    write_module lang-painless org.opensearch.painless.PainlessPlugin "" \
        "lang-painless-$VERSION.jar" "opensearch-scripting-painless-spi-$VERSION.jar" \
        antlr4-runtime-4.13.1.jar asm-9.7.jar asm-util-9.7.jar asm-tree-9.7.jar \
        asm-commons-9.7.jar asm-analysis-9.7.jar
    cat >"$OS_HOME/modules/lang-painless/plugin-security.policy" <<'EOF'
grant {
  // painless compiles scripts into classes at run time
  permission java.lang.RuntimePermission "createClassLoader";
  permission java.lang.RuntimePermission "getClassLoader";
};
EOF
    write_module analysis-common org.opensearch.analysis.common.CommonAnalysisPlugin lang-painless \
        "analysis-common-$VERSION.jar"

    say "installing the k-NN plugin"
    JAVA_HOME="$(java_home)" OPENSEARCH_JAVA_HOME="$(java_home)" \
        "$OS_HOME/bin/opensearch-plugin" install --batch "file://$DOWNLOADS/opensearch-knn-$KNN_VERSION.zip" \
        >"$BASE/plugin-install.log" 2>&1 || { cat "$BASE/plugin-install.log" >&2; die "k-NN plugin install failed"; }
    touch "$OS_HOME/.talentmatch-installed"
    say "installed OpenSearch $VERSION with k-NN (lucene engine) in $OS_HOME"
}

# --- run -----------------------------------------------------------------------------------

healthy() {
    local status
    status="$(curl -s -m 3 "$URL/_cluster/health" 2>/dev/null | sed -nE 's/.*"status":"([a-z]+)".*/\1/p')"
    [[ "$status" == green || "$status" == yellow ]]
}

running_pid() {
    [[ -f "$PID_FILE" ]] || return 1
    local pid
    pid="$(cat "$PID_FILE" 2>/dev/null || true)"
    [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null && echo "$pid"
}

mmap_setting() {
    local current
    current="$(cat /proc/sys/vm/max_map_count 2>/dev/null || echo 0)"
    if ((current >= 262144)); then echo "true"; return; fi
    if [[ $EUID -eq 0 ]] && sysctl -q -w vm.max_map_count=262144 >/dev/null 2>&1; then
        echo "true"; return
    fi
    say "vm.max_map_count=$current is below 262144 and cannot be raised: using node.store.allow_mmap=false"
    echo "false"
}

write_config() {
    local allow_mmap="$1"
    mkdir -p "$CONF_DIR"
    cp -r "$OS_HOME/config/." "$CONF_DIR/"
    cat >"$CONF_DIR/opensearch.yml" <<EOF
# Written by scripts/opensearch.sh on every start; edit the script, not this file.
cluster.name: talentmatch-dev
node.name: talentmatch-node
network.host: 127.0.0.1
http.port: $PORT
transport.port: $TRANSPORT_PORT
discovery.type: single-node
path.data: $DATA_DIR
path.logs: $LOG_DIR
node.store.allow_mmap: $allow_mmap
# a shared development disk should not turn indices read-only
cluster.routing.allocation.disk.threshold_enabled: false
action.destructive_requires_name: true
# long briefs become one term clause per distinct term and language
indices.query.bool.max_clause_count: 8192
EOF
}

ensure_run_user() {
    # Prints the command prefix that runs OpenSearch unprivileged (nothing when not root).
    [[ $EUID -eq 0 ]] || return 0
    if ! id -u "$RUN_USER" >/dev/null 2>&1; then
        say "creating system user '$RUN_USER' (OpenSearch refuses to run as root)"
        useradd --system --no-create-home --shell /usr/sbin/nologin "$RUN_USER" 2>/dev/null \
            || useradd -r -M -s /bin/false "$RUN_USER" \
            || die "could not create user '$RUN_USER'; create it or run as a non-root user"
    fi
    chown -R "$RUN_USER:" "$BASE"
    # The user must be able to reach $BASE through its parents.
    if ! runuser -u "$RUN_USER" -- test -r "$CONF_DIR/opensearch.yml"; then
        die "user '$RUN_USER' cannot read $OS_HOME (a parent directory is not world-searchable); set OPENSEARCH_HOME_DIR to a readable place"
    fi
}

start() {
    if pid="$(running_pid)" && healthy; then
        say "already running (pid $pid) at $URL"
        return
    fi
    if healthy; then
        say "an OpenSearch already answers at $URL (not started by this script); using it"
        return
    fi
    if pid="$(running_pid)"; then
        say "pid $pid exists but the cluster is not healthy yet; waiting"
    else
        install
        mkdir -p "$DATA_DIR" "$LOG_DIR" "$RUN_DIR"
        rm -f "$PID_FILE"
        write_config "$(mmap_setting)"
        local jh heap_min heap_max
        jh="$(java_home)"
        read -r heap_min heap_max <<<"$HEAP"
        heap_max="${heap_max:-$heap_min}"
        local -a env_cmd=(env "JAVA_HOME=$jh" "OPENSEARCH_JAVA_HOME=$jh"
            "OPENSEARCH_PATH_CONF=$CONF_DIR"
            "OPENSEARCH_JAVA_OPTS=-Xms$heap_min -Xmx$heap_max ${OPENSEARCH_EXTRA_JAVA_OPTS:-}")
        local -a prefix=()
        if [[ $EUID -eq 0 ]]; then
            ensure_run_user
            prefix=(runuser -u "$RUN_USER" --)
        fi
        say "starting OpenSearch $VERSION on $URL (heap $heap_min..$heap_max, logs in $LOG_DIR)"
        (cd "$OS_HOME" && "${prefix[@]}" "${env_cmd[@]}" "$OS_HOME/bin/opensearch" -d -p "$PID_FILE" \
            >"$LOG_DIR/startup.out" 2>&1) || {
            tail -40 "$LOG_DIR/startup.out" >&2
            die "OpenSearch failed to start (see $LOG_DIR)"
        }
    fi
    local waited=0
    until healthy; do
        if ! running_pid >/dev/null && ((waited > 5)); then
            log_tail
            die "OpenSearch exited during start-up (log tail above)"
        fi
        if ((waited >= START_TIMEOUT)); then
            log_tail
            die "OpenSearch did not become healthy at $URL within ${START_TIMEOUT}s (log tail above)"
        fi
        sleep 1
        waited=$((waited + 1))
    done
    say "ready at $URL (pid $(running_pid || echo '?'), ${waited}s)"
}

log_tail() {
    say "---- last lines of $LOG_DIR/talentmatch-dev.log ----"
    tail -30 "$LOG_DIR/talentmatch-dev.log" 2>/dev/null >&2 || true
    tail -20 "$LOG_DIR/startup.out" 2>/dev/null >&2 || true
}

stop() {
    local pid
    if ! pid="$(running_pid)"; then
        say "not running"
        rm -f "$PID_FILE"
        return
    fi
    say "stopping pid $pid"
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 60); do
        kill -0 "$pid" 2>/dev/null || { rm -f "$PID_FILE"; say "stopped"; return; }
        sleep 1
    done
    say "still alive after 60s; killing pid $pid"
    kill -KILL "$pid" 2>/dev/null || true
    sleep 1
    rm -f "$PID_FILE"
}

status() {
    local pid
    if pid="$(running_pid)"; then
        if healthy; then
            say "running (pid $pid) at $URL: $(curl -s -m 3 "$URL/_cluster/health" | sed -nE 's/.*"status":"([a-z]+)".*/\1/p')"
            return 0
        fi
        say "process $pid alive but $URL is not healthy"
        return 1
    fi
    if healthy; then say "an OpenSearch not started by this script answers at $URL"; return 0; fi
    say "not running"
    return 3
}

case "${1:-}" in
    install) install ;;
    start) start ;;
    stop) stop ;;
    restart) stop; start ;;
    status) status ;;
    pid) running_pid || exit 3 ;;
    home) echo "$INSTANCE" ;;
    *) echo "usage: $0 {install|start|stop|restart|status|pid|home}" >&2; exit 2 ;;
esac
