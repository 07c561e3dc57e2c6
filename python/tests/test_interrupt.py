"""Long runs release the interpreter lock, stop on Ctrl-C within a second and report
progress to a callback, whose exceptions stop the run too."""
import os
import signal
import threading
import time

import pytest

import clp

# A paper-size depth-3 sweep: minutes of work, never finished here.
LONG = dict(quiet=True)


def test_sigint_raises_keyboard_interrupt_within_a_second():
    sent = []

    def interrupt():
        sent.append(time.monotonic())
        os.kill(os.getpid(), signal.SIGINT)

    timer = threading.Timer(1.0, interrupt)
    timer.start()
    try:
        with pytest.raises(KeyboardInterrupt):
            clp.mc_sweep(**LONG)
        latency = time.monotonic() - sent[0]
    finally:
        timer.cancel()
    assert latency < 1.0, f"KeyboardInterrupt {latency:.2f} s after SIGINT"
    # The module works as before afterwards.
    assert len(clp.fig1_phase_large(runs=2, depths=[2], steps=200, quiet=True)["Ka"]) == 4


def test_progress_callback_sees_the_run():
    calls = []
    r = clp.mc_sweep(N=30, n=300, rank1=3, rank2=2, switch_times=[0, 3000], continue_steps=3000, quiet=True,
                     progress=lambda label, done, total: calls.append((label, done, total)))
    assert len(r["test_error"]) == 2
    assert calls, "the callback was never called"
    labels = {c[0] for c in calls}
    assert labels == {"completion D=3 seed 1"}
    done = [c[1] for c in calls]
    assert done == sorted(done)
    assert calls[-1][1] == calls[-1][2] == 3000 + 2 * 3000  # the end is reported
    # At most every 0.1 s (with some slack for the timer's granularity).
    times = []
    clp.mc_sweep(N=30, n=300, rank1=3, rank2=2, switch_times=[0, 3000], continue_steps=3000, quiet=True,
                 progress=lambda *a: times.append(time.monotonic()))
    gaps = [b - a for a, b in zip(times, times[1:-1])]
    assert all(g >= 0.09 for g in gaps), gaps


class Stop(Exception):
    pass


def test_an_exception_in_the_callback_stops_the_run():
    started = time.monotonic()

    def stop(label, done, total):
        raise Stop(f"{done} of {total}")

    with pytest.raises(Stop):
        clp.mc_sweep(progress=stop, **LONG)
    assert time.monotonic() - started < 5


def test_the_lock_is_released_while_running():
    """A Python thread keeps running while the computation runs in another."""
    result, ticks = {}, [0]
    worker = threading.Thread(target=lambda: result.update(
        clp.mc_sweep(N=50, n=800, rank1=4, rank2=2, switch_times=[0, 4000], continue_steps=4000, quiet=True)))
    worker.start()
    deadline = time.monotonic() + 60
    while worker.is_alive() and time.monotonic() < deadline:
        ticks[0] += 1
        time.sleep(0.001)
    worker.join()
    assert "test_error" in result
    assert ticks[0] > 20, "the main thread did not run while the sweep ran"
