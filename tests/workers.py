"""Two job workers started at the same instant, as two hosts would run them."""
import threading

import engine


def run_two_workers(session_factory) -> list[int]:
    """How many jobs each worker ran, sorted: [0, 1] means the job ran exactly once."""
    barrier, counts = threading.Barrier(2), {}

    def worker(name):
        barrier.wait()
        counts[name] = engine.run_due_jobs(session_factory, name)

    threads = [threading.Thread(target=worker, args=(n,)) for n in ("w1", "w2")]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    return sorted(counts.values())
