"""Reading wrk's report: the percentiles come from the latency distribution, never from the stdev column."""

from __future__ import annotations

from dateline.bench.run import parse_wrk

# A real report's shape (wrk 4.1, --latency): both "+/- Stdev" figures end in "50%" and "99%".
REPORT = """Running 5s test @ http://127.0.0.1:8902/en/politics/a1001/
  2 threads and 64 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency     1.61ms    1.02ms  24.80ms   76.50%
    Req/Sec    16.90k     1.20k   19.40k    88.99%
  Latency Distribution
     50%    1.47ms
     75%    1.90ms
     90%    2.60ms
     99%  870.00us
  168210 requests in 5.00s, 3.90GB read
  Socket errors: connect 0, read 2, write 0, timeout 1
  Non-2xx or 3xx responses: 4
Requests/sec:  33642.00
Transfer/sec:    780.10MB
"""


def test_percentiles_are_read_from_their_own_lines():
    figures = parse_wrk(REPORT)
    assert figures["rps"] == 33642.0
    assert figures["p50"] == 1.47
    assert figures["p99"] == 0.87
    assert figures["errors"] == 7


def test_the_machine_speed_is_the_time_of_a_fixed_loop():
    from dateline.bench.run import machine_speed

    small, large = machine_speed(10_000), machine_speed(2_000_000)
    assert 0 < small < large  # milliseconds, growing with the work
