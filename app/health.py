"""Liveness for load balancers and monitoring: the stack answers and the database too.

Also the benchmarks' *ceiling*: the cheapest page the same stack serves (one trivial
query), against which the real pages' latency is expressed as a ratio.
"""
import sqlalchemy as sa
from flask import Blueprint, jsonify

from .extensions import db

bp = Blueprint("health", __name__)


@bp.get("/healthz")
def healthz():
    try:
        db.session.execute(sa.text("SELECT 1")).scalar_one()
    except sa.exc.SQLAlchemyError:
        db.session.rollback()
        return jsonify(status="database unavailable"), 503
    return jsonify(status="ok")
