#!/bin/sh
# Runs once, when the postgres volume is created: Metabase keeps its own settings in a
# separate database of the same server.
set -eu
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres <<SQL
CREATE DATABASE metabase;
SQL
