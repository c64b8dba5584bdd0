"""Shared test markers and helpers."""
import threading

import pytest
from django.db import connection, connections

# Races need a server database with real concurrent connections; SQLite
# serialises writers. .ci/run runs the suite on PostgreSQL too.
requires_postgres = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="needs a server database with real concurrent connections; .ci/run runs it on PostgreSQL",
)


def run_at_once(*calls, timeout=15):
    """Run each callable in its own thread (so on its own database
    connection), all released at the same instant. Returns, per call, its
    result or the exception it raised."""
    barrier = threading.Barrier(len(calls))
    outcomes = [None] * len(calls)

    def run(index, call):
        try:
            barrier.wait()
            outcomes[index] = call()
        except Exception as exc:  # noqa: BLE001 - handed back to the test
            outcomes[index] = exc
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i, call)) for i, call in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout)
    return outcomes
