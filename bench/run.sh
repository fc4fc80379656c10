#!/usr/bin/env bash
# Every benchmark, one after the other, each with its defaults; each starts the whole platform on this
# machine and prints its figures: reads and registrations (RegistrationBench), admin list, search and export
# with 100,000 clients (AdminBench), and the audit pipeline (AuditBench). For options, run one alone
# (README, Benchmarks).
set -euo pipefail
cd "$(dirname "$0")/.."
source AppHost/prerequisites.sh
clientplatform_install_prerequisites
dotnet build ClientPlatform.sln -c Release -nologo -v quiet -clp:ErrorsOnly
for bench in RegistrationBench AdminBench AuditBench; do
  echo "=== $bench"
  dotnet run -c Release --no-build --project "bench/$bench"
done
