"""A unit's to-do page: what it owes, by when, and whether it was accepted."""
from flask import Blueprint, redirect, render_template, url_for
from flask_login import current_user, login_required


from .. import policy
from ..documents.queries import todo_for_units

bp = Blueprint("todo", __name__)


@bp.route("/")
@login_required
def index():
    if not policy.can_have_todo(current_user):
        # Reviewers land on their queue; observers and admins on the plans.
        if policy.can_review_anything(current_user):
            return redirect(url_for("review.queue"))
        return redirect(url_for("plans.index"))
    deliverables = todo_for_units(policy.todo_unit_ids(current_user))
    return render_template("todo/index.html", deliverables=deliverables)
