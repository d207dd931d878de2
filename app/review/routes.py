"""The reviewer's queue: submitted documents waiting for a decision."""
from flask import Blueprint, abort, render_template
from flask_login import current_user, login_required

from workflows.enums import Role

from .. import policy
from ..documents.queries import review_queue

bp = Blueprint("review", __name__, url_prefix="/review")


@bp.route("/")
@login_required
def queue():
    if not policy.can_review_anything(current_user):
        abort(403)
    deliverables = review_queue(current_user.unit_ids(Role.REVIEWER))
    return render_template("review/queue.html", deliverables=deliverables)
