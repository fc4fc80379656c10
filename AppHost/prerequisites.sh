# Sourced by run.sh and test.sh: installs the Debian packages whose servers the AppHost runs
# (PostgreSQL, Redis, RabbitMQ) when they are missing. Nothing else is installed, nothing is started:
# the AppHost starts the servers itself, on its own ports, with its own data folders.

clientplatform_install_prerequisites() {
  local missing=()
  compgen -G "/usr/lib/postgresql/*/bin/postgres" >/dev/null || missing+=(postgresql)
  command -v redis-server >/dev/null || [ -x /usr/bin/redis-server ] || missing+=(redis-server)
  [ -x /usr/lib/rabbitmq/bin/rabbitmq-server ] || missing+=(rabbitmq-server)
  command -v dotnet >/dev/null || { echo "error: the .NET 10 SDK is required (dotnet was not found on PATH)." >&2; return 1; }
  [ ${#missing[@]} -eq 0 ] && return 0

  clientplatform_apt_install "${missing[@]}"
}

# Installs Debian packages (as root, or through sudo) without letting their scripts start system-wide
# servers: the AppHost and deploy/ start their own, on their own ports.
clientplatform_apt_install() {
  local missing=("$@")
  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || { echo "error: ${missing[*]} missing, and neither root nor sudo is available to install them." >&2; return 1; }
    sudo="sudo"
  fi
  echo "Installing ${missing[*]} (Debian packages)…"
  # policy-rc.d exit 101 = "not now": no package script starts its server.
  local policy=/usr/sbin/policy-rc.d created_policy=""
  if [ ! -e "$policy" ]; then
    printf '#!/bin/sh\nexit 101\n' | $sudo tee "$policy" >/dev/null && $sudo chmod +x "$policy" && created_policy=1
  fi
  $sudo apt-get update -qq && \
    $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  local status=$?
  [ -n "$created_policy" ] && $sudo rm -f "$policy"
  [ $status -eq 0 ] || { echo "error: apt-get could not install ${missing[*]}." >&2; return 1; }
}

# Sourced by test.sh: the browser the admin console's tests drive (tests/Console.Tests), Debian's Chromium.
# Playwright's own browser download cannot be used here; its driver launches this binary instead.
clientplatform_install_browser() {
  command -v chromium >/dev/null && return 0
  clientplatform_apt_install chromium
}
