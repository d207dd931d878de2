"""The one place the audit log is written: the session's own events, for every audited model.

Operations do nothing for it, so none can forget it. Rows changed through a flush are
seen by the mapper events (inserts, updates and deletes, cascades and orphans included)
and written at the end of that flush, in its transaction; an ORM ``update()``/``delete()``
statement on an audited model is seen by ``do_orm_execute`` and written at once. A
rollback takes the entries with the changes. (Raw SQL on a connection is not seen: the
application has none on these tables.)
"""
import datetime as dt
import decimal
import enum

import sqlalchemy as sa

from ..clock import now
from .actor import actor_fields, current_actor
from .models import AuditAction, AuditEntry
from .registry import REGISTRY

#: What a secret's value is written as.
MARKER = "•••"
_PENDING = "audit_pending"
_LABEL_MAX = AuditEntry.__table__.c.object_label.type.length


def json_value(value):
    """A column value as JSON: dates ISO, decimals as text, enums by their value."""
    if isinstance(value, enum.Enum):
        return value.value
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, dt.datetime):
        return value.astimezone(dt.timezone.utc).isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value)
    return str(value)


def _audited_columns(spec, mapper):
    """(attribute key, column) of the columns an entry tells, primary keys left out (the
    entry names its object)."""
    keys = {c.key for c in mapper.primary_key}
    return [(prop.key, prop.columns[0]) for prop in mapper.column_attrs
            if prop.columns[0].key not in keys and prop.columns[0].name not in spec.ignored]


def _shown(spec, column, value):
    if value is not None and column.name in spec.secret:
        return MARKER
    return json_value(value)


def _pair(spec, column, before, after):
    return [_shown(spec, column, before), _shown(spec, column, after)]


def _stored_values(connection, mapper, target, columns):
    """The values of ``columns`` as the database holds them (before this flush writes)."""
    pk = mapper.primary_key[0]
    row = connection.execute(sa.select(*columns).where(pk == mapper.primary_key_from_instance(target)[0])).first()
    return dict(zip(columns, row)) if row is not None else {}


def _queue(target, spec, action, changes):
    session = sa.orm.object_session(target)
    if session is not None:
        session.info.setdefault(_PENDING, []).append((target, spec, action, changes))


def _inserted(mapper, connection, target):
    spec = REGISTRY[type(target)]
    if not spec.applies(target):
        return
    values = sa.inspect(target).dict
    changes = {column.name: _pair(spec, column, None, values[key])
               for key, column in _audited_columns(spec, mapper) if values.get(key) not in (None, "")}
    _queue(target, spec, AuditAction.CREATED, changes)


def _updating(mapper, connection, target):
    spec = REGISTRY[type(target)]
    if not spec.applies(target):
        return
    state = sa.inspect(target)
    changed, unknown = {}, []
    for key, column in _audited_columns(spec, mapper):
        history = state.attrs[key].history
        if not history.added and not history.deleted:
            continue
        after = history.added[0] if history.added else None
        if history.deleted:
            changed[column] = (history.deleted[0], after)
        else:  # set without the old value ever loaded: the database still holds it
            changed[column] = (None, after)
            unknown.append(column)
    if unknown:
        stored = _stored_values(connection, mapper, target, unknown)
        for column in unknown:
            changed[column] = (stored.get(column), changed[column][1])
    changes = {column.name: _pair(spec, column, before, after)
               for column, (before, after) in changed.items() if json_value(before) != json_value(after)}
    if changes:
        _queue(target, spec, AuditAction.CHANGED, changes)


def _deleting(mapper, connection, target):
    spec = REGISTRY[type(target)]
    if not spec.applies(target):
        return
    values = sa.inspect(target).dict
    columns = _audited_columns(spec, mapper)
    missing = [column for key, column in columns if key not in values]
    stored = _stored_values(connection, mapper, target, missing) if missing else {}
    changes = {}
    for key, column in columns:
        before = values[key] if key in values else stored.get(column)
        if before not in (None, ""):
            changes[column.name] = _pair(spec, column, before, None)
    _queue(target, spec, AuditAction.DELETED, changes)


_BY_TABLE = {model.__table__.name: model for model in REGISTRY}

for _model in REGISTRY:
    sa.event.listen(_model, "after_insert", _inserted)
    sa.event.listen(_model, "before_update", _updating)
    sa.event.listen(_model, "before_delete", _deleting)


def _entries(session, pending):
    """The log rows of ``pending`` (target, spec, action, changes), made by whoever acts now."""
    actor_id, actor_label = actor_fields(current_actor())
    at = now()
    rows = []
    with session.no_autoflush:
        for target, spec, action, changes in pending:
            deleted = action is AuditAction.DELETED
            rows.append({
                "at": at, "actor_id": actor_id, "actor_label": actor_label[:255],
                "object_type": spec.object_type, "object_id": _object_id(target),
                "object_label": spec.label(target, session)[:_LABEL_MAX], "action": action,
                "unit_id": spec.unit_id(target, session, deleted), "plan_id": spec.plan_id(target, session),
                "changes": changes,
            })
    return rows


def _object_id(target):
    state = sa.inspect(target)
    return state.identity[0] if state.identity else state.mapper.primary_key_from_instance(target)[0]


def _write(session, rows):
    if rows:
        session.connection().execute(AuditEntry.__table__.insert(), rows)


@sa.event.listens_for(sa.orm.Session, "before_flush")
def _forget_failed_flush(session, flush_context, instances):
    """What a failed flush queued was never written: not to be logged by the next one."""
    session.info.pop(_PENDING, None)


@sa.event.listens_for(sa.orm.Session, "after_flush")
def _write_pending(session, flush_context):
    pending = session.info.pop(_PENDING, None)
    if pending:
        _write(session, _entries(session, pending))


@sa.event.listens_for(sa.orm.Session, "after_soft_rollback")
def _forget_rolled_back(session, previous_transaction):
    session.info.pop(_PENDING, None)


@sa.event.listens_for(sa.orm.Session, "do_orm_execute")
def _bulk_statement(state):
    """An ORM ``update(Model)`` or ``delete(Model)`` statement on an audited model (the
    tokens revoked with a password reset): the rows it touches, before and after, logged
    at once."""
    if not (state.is_update or state.is_delete):
        return None
    # The table written, not ``bind_mapper``: an update of documents whose WHERE names
    # deliverables is bound to the Deliverable mapper, and writes no deliverable.
    model = _BY_TABLE.get(getattr(state.statement.table, "name", None))
    if model is None:
        return None
    spec, mapper = REGISTRY[model], sa.inspect(model)
    session, pk = state.session, mapper.primary_key[0]
    columns = [column for _key, column in _audited_columns(spec, mapper)]
    where = state.statement.whereclause
    with session.no_autoflush:
        query = sa.select(pk, *columns)
        before = {row[0]: row[1:] for row in session.execute(query if where is None else query.where(where))}
        if not before:
            return state.invoke_statement()
        targets = {sa.inspect(obj).identity[0]: obj
                   for obj in session.scalars(sa.select(mapper).where(pk.in_(before)))}
        targets = {i: obj for i, obj in targets.items() if spec.applies(obj)}
        if state.is_delete:  # named while they still exist
            rows = _entries(session, [
                (targets[i], spec, AuditAction.DELETED,
                 {column.name: _pair(spec, column, b, None) for column, b in zip(columns, old) if b not in (None, "")})
                for i, old in before.items() if i in targets])
            result = state.invoke_statement()
        else:
            result = state.invoke_statement()
            after = {row[0]: row[1:] for row in session.execute(sa.select(pk, *columns).where(pk.in_(before)))}
            pending = []
            for i, old in before.items():
                changes = {column.name: _pair(spec, column, b, a) for column, b, a in zip(columns, old, after[i])
                           if json_value(b) != json_value(a)}
                if changes and i in targets:
                    pending.append((targets[i], spec, AuditAction.CHANGED, changes))
            rows = _entries(session, pending)
    _write(session, rows)
    return result
