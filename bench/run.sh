#!/usr/bin/env bash
# Every benchmark, one after the other, each with its defaults, each printing its figures: first ClientPlatform
# as ./run.sh starts it beside node-oidc-provider under the same wrk command (sidebyside.sh: reads and
# registrations, ours ÷ theirs); then, each on the same platform started through the tests' fixture (the
# AppHost's replica counts, the dashboard on), reads and registrations (RegistrationBench),
# admin list, search and export with 100,000 clients (AdminBench), and the audit pipeline (AuditBench). For
# options, run one alone (bench/README.md).
set -euo pipefail
cd "$(dirname "$0")/.."
source AppHost/prerequisites.sh
clientplatform_install_prerequisites
dotnet build ClientPlatform.sln -c Release -nologo -v quiet -clp:ErrorsOnly
echo "=== side by side with node-oidc-provider"
bench/sidebyside.sh
for bench in RegistrationBench AdminBench AuditBench; do
  echo "=== $bench"
  dotnet run -c Release --no-build --project "bench/$bench"
done
