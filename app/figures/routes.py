"""The coordinating unit's view of a plan's figures: consolidation, its Excel and Word
exports, the completeness dashboard, and the roll-up across plans. Read-only; thin:
policy → query → template."""
from flask import Blueprint, Response, abort, render_template, request
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy.orm import joinedload

from workflows.enums import DocState, UnitKind
from workflows.text import fold

from .. import policy
from ..clock import today
from ..documents.content import COLUMN_LABELS
from ..exports.consolidated import csv_table, word, workbook
from ..exports.plan_budget import csv_table as plan_budget_csv
from ..extensions import db
from ..plans.models import Indicator, Plan
from ..web import ListPage
from .completeness import completeness
from .consolidation import consolidate, load_assignments
from .indicators import indicator_matrix
from .rollup import rollup_for

bp = Blueprint("figures", __name__)

#: Units per page of the dashboard's matrix (a province has ~200: departments, districts, communes).
MATRIX_ROWS = 50
#: The plan's own indicators shown at once on the dashboard (the others a link away).
INDICATOR_COLUMNS = 8
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _load(plan_id):
    # The schedule (the matrix's columns), the indicators and the plan's own budget come
    # with the plan (joins), and who reports the indicators in one more query only when it
    # has some: the pages' query counts do not grow with them.
    plan = db.session.get(Plan, plan_id, options=[
        joinedload(Plan.schedule), joinedload(Plan.budget_lines),
        joinedload(Plan.indicators).selectinload(Indicator.reporters)]) or abort(404)
    if not policy.can_read_all_documents(current_user, plan):
        abort(403)
    return plan


def export_name(plan, extension):
    """"tong-hop-98-KH-UBND-2026.xlsx": ASCII, safe in every browser and mail client."""
    reference = (plan.number or "du-thao") + "-" + plan.symbol.replace("/", "-")
    return f"tong-hop-{fold(reference).replace(' ', '-')}-{plan.year}.{extension}"


@bp.route("/plans/<int:plan_id>/consolidation")
@login_required
def consolidation(plan_id):
    plan = _load(plan_id)
    assignments = load_assignments(plan)
    c = consolidate(plan, assignments)
    return render_template("figures/consolidation.html", plan=plan, c=c,
                           indicators=indicator_matrix(plan, assignments, c.parents), source_labels=COLUMN_LABELS)


@bp.route("/plans/<int:plan_id>/consolidation.<any(xlsx, docx, csv):fmt>")
@login_required
def export(plan_id, fmt):
    plan = _load(plan_id)
    assignments = load_assignments(plan)
    c = consolidate(plan, assignments)
    indicators = indicator_matrix(plan, assignments, c.parents)
    if fmt == "xlsx":
        data, mimetype = workbook(c, indicators), XLSX
    elif fmt == "csv":
        data, mimetype = csv_table(c), "text/csv; charset=utf-8"
    else:
        data, mimetype = word(c, today(), completeness(plan, assignments=assignments), indicators), DOCX
    return Response(data, mimetype=mimetype, headers={
        "Content-Disposition": f'attachment; filename="{export_name(plan, fmt)}"'})


@bp.route("/plans/<int:plan_id>/consolidation/budget.csv")
@login_required
def export_plan_budget(plan_id):
    """The units' budget lines against the plan's own budget, for other systems."""
    plan = _load(plan_id)
    name = export_name(plan, "csv").replace("tong-hop-", "kinh-phi-", 1)
    return Response(plan_budget_csv(consolidate(plan)), mimetype="text/csv; charset=utf-8",
                    headers={"Content-Disposition": f'attachment; filename="{name}"'})


@bp.route("/plans/<int:plan_id>/dashboard")
@login_required
def dashboard(plan_id):
    plan = _load(plan_id)
    unit_kind = request.args.get("unit_kind") or None
    state = request.args.get("state") or None
    if unit_kind not in (None, *(k.value for k in UnitKind)) or state not in (None, *(s.value for s in DocState)):
        abort(400, description=_("Choose the unit kind and the state from the lists."))
    assignments = load_assignments(plan)  # once, for both views
    comp = completeness(plan, unit_kind, assignments=assignments)
    rows = [row for row in comp.rows if not state or any(c.state.value == state for c in row.all_cells())]
    c = consolidate(plan, assignments)
    indicators = indicator_matrix(plan, assignments, c.parents)
    return render_template("figures/dashboard.html", plan=plan, unit_kind=unit_kind, state=state, states=list(DocState),
                           comp=comp,
                           matrix=ListPage(rows, request.args.get("page", 1, type=int), MATRIX_ROWS),
                           c=c, indicators=indicators,
                           # A few indicators at a time (a plan may set dozens), the units of the kind chosen.
                           indicator_columns=ListPage(indicators.columns, request.args.get("indicators", 1, type=int),
                                                      INDICATOR_COLUMNS),
                           indicator_rows=[r for r in indicators.rows if not unit_kind or r.unit.kind.value == unit_kind])


@bp.route("/rollup")
@login_required
def rollup():
    """One line per plan of a year, for those who supervise many (nationally: per province)."""
    if not policy.can_view_rollup(current_user):
        abort(403)
    year = request.args.get("year", type=int)
    if year is not None and not 2000 <= year <= 2100:
        abort(400, description=_("Choose a year between 2000 and 2100."))
    return render_template("figures/rollup.html", r=rollup_for(current_user, year))
