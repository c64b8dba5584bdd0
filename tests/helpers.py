"""Shared test markers."""
import pytest
from django.db import connection

# Races need a server database with real concurrent connections; SQLite
# serialises writers. .ci/run runs the suite on PostgreSQL too.
requires_postgres = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="needs a server database with real concurrent connections; .ci/run runs it on PostgreSQL",
)
