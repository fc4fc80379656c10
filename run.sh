#!/usr/bin/env bash
# Starts the whole platform: PostgreSQL, Redis, RabbitMQ, Registration.Api (×2), Admin.Api, Audit.Worker
# and the gateway, with the dashboard. Options go to the AppHost (see README, Settings), e.g.
#   ./run.sh --gateway-port 9090 --dashboard-port 19999 --fresh
set -euo pipefail
cd "$(dirname "$0")"
source AppHost/prerequisites.sh
clientplatform_install_prerequisites

# Servers in containers (--servers containers, or a container runtime named for Aspire): their images, official where
# they can be pulled, else built from Debian packages once (deploy/images/servers.sh).
if [[ " $* " =~ \ --servers[=\ ]containers || "${AppHost__Servers:-}" =~ ^[Cc]ontainers$ || -n "${ASPIRE_CONTAINER_RUNTIME:-}" ]]; then
  deploy/images/servers.sh >/dev/null
fi

echo "Building…"
dotnet build AppHost/AppHost.csproj -c Release -nologo -v quiet -clp:ErrorsOnly
# The built DLL, not 'dotnet run': Ctrl+C then reaches the AppHost alone, which stops everything in order.
exec dotnet AppHost/bin/Release/net10.0/AppHost.dll "$@"
