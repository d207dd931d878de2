"""Run the national-scale benchmarks: ``python -m bench`` (or ``make bench``).

Builds the benchmark database on the local PostgreSQL through the migrations, loads
the national dataset (``bench/dataset.py``), then measures, in this order: the pages
(in-process, server-side), submit/approve throughput under gunicorn with 2 and 4
workers, the reminder sweep at three sizes, and the naive design (one APScheduler job
per reminder). Writes ``bench/results/<date>.json`` and the table in README.md.

    python -m bench                       everything, national scale (about 8 minutes here)
    python -m bench --quick               a small world, to try the command (a minute)
    python -m bench --keep                reuse the loaded database if it is there
"""
import argparse
import datetime as dt
import json
import os
import platform
import subprocess
import sys
import time
from pathlib import Path

import sqlalchemy as sa

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
DEFAULT_URL = "postgresql+psycopg://postgres@127.0.0.1/giamngheo_bench"


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", default=os.environ.get("BENCH_DATABASE_URL", DEFAULT_URL),
                        help="PostgreSQL database to (re)create for the benchmark (default: %(default)s)")
    parser.add_argument("--quick", action="store_true", help="a small world and few repetitions")
    parser.add_argument("--keep", action="store_true", help="reuse the database if it is already loaded")
    parser.add_argument("--no-readme", action="store_true", help="do not rewrite the README table")
    args = parser.parse_args(argv)

    url = args.database_url
    if not url.startswith("postgresql"):
        parser.error("the benchmarks run on PostgreSQL: give a postgresql+psycopg:// URL")
    os.environ["DATABASE_URL"] = url
    sys.path.insert(0, str(ROOT))
    from . import dataset

    spec = dataset.SMALL if args.quick else dataset.NATIONAL
    started = time.perf_counter()
    results = dict(date=dt.date.today().isoformat(), machine=_machine(url), scale="quick" if args.quick else "national")
    results["dataset"] = _prepare(url, spec, args.keep)
    results["pages"] = _pages(url, repeat=8 if args.quick else 30)
    results["throughput"] = _throughput(url, results["pages"], 5 if args.quick else 300)
    results["sweep"] = _sweeps(url, spec, quick=args.quick)
    results["naive_scheduler"] = _naive(url, results["sweep"], quick=args.quick)
    results["targets"] = _targets(results)
    results["seconds"] = round(time.perf_counter() - started)
    RESULTS.mkdir(parents=True, exist_ok=True)
    name = f"{results['date']}{'-quick' if args.quick else ''}.json"
    (RESULTS / name).write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n")
    print(f"results written to bench/results/{name}")
    if not args.no_readme and not args.quick:
        from .report import update_readme

        update_readme(ROOT / "README.md", results, f"bench/results/{name}")
        print("README.md table updated")
    print(json.dumps(results["targets"], indent=2, ensure_ascii=False))


def _say(text):
    print(f"[bench {time.strftime('%H:%M:%S')}] {text}", flush=True)


def _machine(url):
    engine = sa.create_engine(url.rsplit("/", 1)[0] + "/postgres")
    with engine.connect() as conn:
        version = conn.exec_driver_sql("SHOW server_version").scalar_one()
    engine.dispose()
    return dict(cpus=os.cpu_count(), python=platform.python_version(), postgresql=version,
                platform=platform.platform())


def _create_database(url):
    name = url.rsplit("/", 1)[1]
    admin = sa.create_engine(url.rsplit("/", 1)[0] + "/postgres", isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
    admin.dispose()


def _copy_database(url, name):
    """A copy of the benchmark database (PostgreSQL copies the files: seconds)."""
    source = url.rsplit("/", 1)[1]
    admin = sa.create_engine(url.rsplit("/", 1)[0] + "/postgres", isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        # A template must have no other session: ours are closed, but be sure.
        conn.exec_driver_sql("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                             f"WHERE datname = '{source}' AND pid <> pg_backend_pid()")
        conn.exec_driver_sql(f'CREATE DATABASE "{name}" TEMPLATE "{source}"')
    admin.dispose()
    return url.rsplit("/", 1)[0] + "/" + name


def _prepare(url, spec, keep):
    from .load import load

    engine = sa.create_engine(url)
    if keep:
        try:
            with engine.connect() as conn:
                held = conn.exec_driver_sql("SELECT count(*) FROM deliverables").scalar_one()
                counts = {t: conn.exec_driver_sql(f"SELECT count(*) FROM {t}").scalar_one()
                          for t in ("units", "users", "plans", "deliverables", "transition_log", "reminders")}
            if held:
                _say(f"reusing {url} ({held:,} deliverables)")
                engine.dispose()
                return dict(reused=True, rows=counts)
        except sa.exc.SQLAlchemyError:
            pass
    engine.dispose()
    _say(f"creating {url} through the migrations")
    _create_database(url)
    subprocess.run([str(Path(sys.executable).parent / "flask"), "--app", "wsgi", "db", "upgrade"], cwd=ROOT,
                   env={**os.environ, "DATABASE_URL": url}, check=True, capture_output=True)
    _say(f"loading {spec.units:,} units, {spec.years} years of plans")
    engine = sa.create_engine(url)
    counts, seconds = load(engine, spec, dt.datetime.now(dt.timezone.utc), echo=lambda line: _say(line.strip()))
    with engine.connect() as conn:
        size = conn.exec_driver_sql("SELECT pg_size_pretty(pg_database_size(current_database()))").scalar_one()
    engine.dispose()
    _say(f"loaded in {seconds:.0f} s ({size})")
    return dict(reused=False, rows=counts, load_seconds=round(seconds, 1), database_size=size,
                spec=dict(provinces=spec.provinces, departments=spec.departments, districts=spec.districts,
                          communes=spec.communes, years=spec.years))


def _app(url=None):
    """The application on ``url`` (the benchmark database unless given), production-like:
    no debug, no testing switches."""
    from app import create_app
    from config import Config

    class BenchConfig(Config):
        SQLALCHEMY_DATABASE_URI = (url or os.environ["DATABASE_URL"]).replace("postgresql://", "postgresql+psycopg://")

    app = create_app(BenchConfig)
    import gc

    gc.freeze()  # as wsgi.py does for every worker
    return app


def _close(app):
    from app.extensions import db

    with app.app_context():
        db.engine.dispose()


def _pages(url, repeat):
    from . import pages

    _say("pages: server-side latency and queries")
    app = _app()
    engine = sa.create_engine(url)
    with engine.connect() as conn:
        cases = pages.cases(conn, dt.date.today().year)
    engine.dispose()
    measured = pages.measure(app, cases, repeat=repeat)
    _close(app)
    ceiling = measured["ceiling"]["p50_ms"]
    for name, row in measured.items():
        if isinstance(row, dict):
            row["vs_ceiling"] = round(row["p50_ms"] / ceiling, 1)
            _say(f"  {name}: p50 {row['p50_ms']} ms, p95 {row['p95_ms']} ms, {row['queries']} queries")
    measured["_cases"] = [(name, user_id, path) for name, _what, user_id, path in cases]
    return measured


def _throughput(url, measured_pages, documents):
    from . import throughput

    app = _app()
    engine = sa.create_engine(url)
    heavy = [(path, user_id) for name, user_id, path in measured_pages["_cases"]
             if name in ("dashboard", "consolidation", "national_rollup")]
    out, used = [], []
    for workers in (2, 4):
        _say(f"throughput: gunicorn with {workers} workers, {documents} submissions then approvals")
        result, ids = throughput.measure(app, engine, url, workers, documents, exclude=used, pages=heavy)
        used += ids
        _say(f"  submit {result['submit']['per_second']}/s, approve {result['approve']['per_second']}/s, "
             f"errors {result['submit']['errors'] + result['approve']['errors']}, workers {result['worker_rss_mb']} MB")
        out.append(result)
    engine.dispose()
    _close(app)
    return out


def _sweeps(url, spec, quick):
    from . import sweep

    held = spec_deliverables(url)
    sizes = [held // 10, held // 2, held] if quick else [10_000, 100_000, min(250_000, held)]
    due = 20 if quick else 1000
    out = []
    for size in sizes:
        _say(f"sweep: {size:,} open deliverables, {due} reminders due")
        copy = _copy_database(url, url.rsplit("/", 1)[1] + "_sweep")
        app = _app(copy)
        engine = sa.create_engine(copy)
        result = sweep.measure(app, engine, size, due, database_url=copy)
        _close(app)
        engine.dispose()
        _say(f"  first {result['first_sweep']['seconds']} s, with due {result['sweep_with_due']['seconds']} s, "
             f"idle {result['idle_sweep']['seconds']} s, due-date move {result['due_date_move']['total_seconds']} s")
        out.append(result)
    return out


def spec_deliverables(url):
    engine = sa.create_engine(url)
    with engine.connect() as conn:
        held = conn.exec_driver_sql("SELECT count(*) FROM deliverables").scalar_one()
    engine.dispose()
    return held


def _naive(url, sweeps, quick):
    """The naive design at each sweep size, side by side with ours (same run, same machine)."""
    from . import naive_bulk

    out = []
    naive_url = url.rsplit("/", 1)[0] + "/" + url.rsplit("/", 1)[1] + "_naive"
    for ours in sweeps:
        size = ours["open"]
        _say(f"naive design: {size:,} open deliverables = {4 * size:,} APScheduler jobs (SQLAlchemyJobStore)")
        result = naive_bulk.measure(naive_url, size, sample=100 if quick else 1000)
        process = ours["scheduler_process"]
        result["ours"] = dict(scheduler_once_seconds=process["seconds"], scheduler_peak_rss_mb=process["peak_rss_mb"],
                              idle_sweep_seconds=ours["idle_sweep"]["seconds"],
                              due_date_move_seconds=ours["due_date_move"]["total_seconds"])
        result["ratios"] = dict(
            reschedule_naive_over_ours=round(result["reschedule_seconds_extrapolated"]
                                             / ours["due_date_move"]["total_seconds"], 1),
            listing_rss_naive_over_ours=round(result["rss_after_get_jobs_mb"] / process["peak_rss_mb"], 1))
        _say(f"  start-up {result['startup_seconds']} s at {result['startup_rss_mb']} MB; listing the jobs "
             f"{result['get_jobs_seconds']} s, {result['rss_after_get_jobs_mb']} MB; adding them "
             f"~{result['add_seconds_extrapolated']} s; a due-date move ~{result['reschedule_seconds_extrapolated']} s"
             f" (ours {ours['due_date_move']['total_seconds']} s)")
        out.append(result)
    return out


def _targets(results):
    """Each target of the issue with the measured figure and whether it is met."""
    pages = results["pages"]
    worst_rss = max(rss for run in results["throughput"] for rss in run["worker_rss_mb"])
    sweeps = results["sweep"]
    first, last = sweeps[0], sweeps[-1]
    growth = last["idle_sweep"]["seconds"] / max(first["idle_sweep"]["seconds"], 1e-6)
    due_growth = last["sweep_with_due"]["seconds"] / max(first["sweep_with_due"]["seconds"], 1e-6)
    return {
        "queries_per_page_at_most_10": dict(
            measured={k: v["queries"] for k, v in pages.items() if isinstance(v, dict)},
            met=all(v["queries"] <= 10 for v in pages.values() if isinstance(v, dict))),
        "province_dashboard_p50_at_most_50_ms": dict(measured=pages["dashboard"]["p50_ms"],
                                                     met=pages["dashboard"]["p50_ms"] <= 50),
        "national_rollup_at_most_500_ms": dict(measured=dict(p50=pages["national_rollup"]["p50_ms"],
                                                             p95=pages["national_rollup"]["p95_ms"]),
                                               met=pages["national_rollup"]["p50_ms"] <= 500),
        "sweep_follows_reminders_due_not_deliverables_held": dict(
            measured=dict(open_from=first["open"], open_to=last["open"], idle_sweep_growth=round(growth, 2),
                          sweep_with_due_growth=round(due_growth, 2)),
            met=growth < 3 and due_growth < 1.5),
        "web_worker_under_200_mb": dict(measured=worst_rss, met=worst_rss < 200),
    }


if __name__ == "__main__":
    main()
