#!/usr/bin/env bash
# Make sure a PostgreSQL server answers on 127.0.0.1:5432 with a `test` database (trust auth), for the store
# tests. Machines of this kind start one; on a fresh machine it is installed from Debian's packages.
set -euo pipefail
answers() { command -v pg_isready >/dev/null && pg_isready -q -h 127.0.0.1 -p 5432; }
answers && exit 0
if ! command -v pg_ctlcluster >/dev/null; then
  if [ "$(id -u)" != 0 ]; then echo "PostgreSQL is not running and cannot be installed without root" >&2; exit 1; fi
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
fi
version=$(ls /etc/postgresql | sort -V | tail -n 1)
conf=/etc/postgresql/$version/main
grep -q "^host all all 127.0.0.1/32 trust" "$conf/pg_hba.conf" || \
  sed -i '1i host all all 127.0.0.1/32 trust' "$conf/pg_hba.conf"
pg_ctlcluster --skip-systemctl-redirect "$version" main start || true
for _ in $(seq 30); do answers && break; sleep 1; done
answers || { echo "PostgreSQL did not start" >&2; exit 1; }
su postgres -c "psql -h 127.0.0.1 -tAc \"SELECT 1 FROM pg_database WHERE datname='test'\"" | grep -q 1 || \
  su postgres -c "createdb -h 127.0.0.1 test"
