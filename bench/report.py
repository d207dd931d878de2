"""The README's benchmark table, written from a results file."""
import re

START, END = "<!-- bench:start -->", "<!-- bench:end -->"


def _ms(value):
    return f"{value:,.1f}".replace(",", " ")


def table(results, path):
    pages, data = results["pages"], results["dataset"]["rows"]
    lines = [
        f"Measured on {results['date']} ({results['machine']['cpus']} cores, PostgreSQL "
        f"{results['machine']['postgresql']}, Python {results['machine']['python']}); "
        f"dataset: {data['units']:,} units, {data['plans']:,} plans, {data['deliverables']:,} deliverables, "
        f"{data['transition_log']:,} transitions, {data['reminders']:,} reminders in the ledger"
        + (f", loaded in {results['dataset']['load_seconds']} s ({results['dataset']['database_size']})"
           if "load_seconds" in results["dataset"] else "") + f". Full figures: `{path}`.",
        "",
        "| Page (server-side, in-process) | p50 ms | p95 ms | SQL queries | × ceiling (p50) |",
        "|---|---:|---:|---:|---:|",
    ]
    for row in pages.values():
        if isinstance(row, dict):
            lines.append(f"| {row['what']} | {_ms(row['p50_ms'])} | {_ms(row['p95_ms'])} | {row['queries']} | "
                         f"{row['vs_ceiling']} |")
    lines += ["", "| API under gunicorn (PostgreSQL) | submit /s | approve /s | p95 ms (submit / approve) | errors "
                  "| worker RSS MB |", "|---|---:|---:|---:|---:|---:|"]
    for run in results["throughput"]:
        lines.append(f"| {run['workers']} workers, {run['clients']} clients, {run['documents']} documents | "
                     f"{run['submit']['per_second']} | {run['approve']['per_second']} | "
                     f"{run['submit']['p95_ms']} / {run['approve']['p95_ms']} | "
                     f"{run['submit']['errors'] + run['approve']['errors']} | "
                     f"{', '.join(str(r) for r in run['worker_rss_mb'])} |")
    lines += ["", "| Reminder sweep | open | due | first sweep s (works out every open one) | sweep with the due "
                  "ones s | idle sweep s | due date moved for all s |", "|---|---:|---:|---:|---:|---:|---:|"]
    for s in results["sweep"]:
        lines.append(f"| {s['deliverables_held']:,} held | {s['open']:,} | {s['due']:,} | "
                     f"{s['first_sweep']['seconds']} | {s['sweep_with_due']['seconds']} | "
                     f"{s['idle_sweep']['seconds']} | {s['due_date_move']['total_seconds']} |")
    if results.get("naive_scheduler"):
        lines += ["", "Naive design — one APScheduler job per reminder in an SQLAlchemyJobStore, four per open "
                      "deliverable (job table filled in bulk; adding and rescheduling timed on "
                      f"{results['naive_scheduler'][0]['sample_deliverables']:,} deliverables and multiplied out) — "
                      "against ours (`flask scheduler --once` in a fresh process; a due date moved for every open "
                      "deliverable = clearing their moments + the sweep that works them out):", "",
                  "| open deliverables | jobs | naive: start-up s / RSS MB | naive: listing the jobs s / RSS MB "
                  "| ours: scheduler once s / peak RSS MB | naive: adding all jobs s | naive: due date moved s "
                  "| ours: due date moved s | × |", "|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
        for n in results["naive_scheduler"]:
            o = n["ours"]
            lines.append(f"| {n['deliverables']:,} | {n['reminders']:,} | {n['startup_seconds']} / "
                         f"{n['startup_rss_mb']} | {n['get_jobs_seconds']} / {n['rss_after_get_jobs_mb']} | "
                         f"{o['scheduler_once_seconds']} / {o['scheduler_peak_rss_mb']} | "
                         f"~{n['add_seconds_extrapolated']} | ~{n['reschedule_seconds_extrapolated']} | "
                         f"{o['due_date_move_seconds']} | {n['ratios']['reschedule_naive_over_ours']} |")
    lines += ["", "| Target | measured | met |", "|---|---|---|"]
    for name, target in results["targets"].items():
        lines.append(f"| {name.replace('_', ' ')} | {_compact(target['measured'])} | "
                     f"{'yes' if target['met'] else '**no**'} |")
    return "\n".join(lines)


def _compact(value):
    if isinstance(value, dict):
        return ", ".join(f"{k}: {v}" for k, v in value.items())
    return str(value)


def update_readme(readme, results, path):
    text = readme.read_text()
    block = f"{START}\n{table(results, path)}\n{END}"
    if START in text:
        text = re.sub(re.escape(START) + ".*?" + re.escape(END), lambda _m: block, text, flags=re.S)
    else:
        text = text.rstrip() + "\n\n## Benchmarks\n\n" + block + "\n"
    readme.write_text(text)
