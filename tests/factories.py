"""Rows for tests, made the way the application makes them (through operations)."""
import datetime as dt
import itertools

from app.auth.models import Membership, User
from app.extensions import db
from app.plans import operations as plan_ops
from app.units.models import Unit, UnitContact
from workflows.deadlines import default_due_on
from workflows.enums import DeliverableKind, Role, UnitKind

PASSWORD = "correct horse battery"
_seq = itertools.count(1)


def unit(name=None, kind=UnitKind.DEPARTMENT, parent=None, emails=()):
    n = next(_seq)
    row = Unit(code=f"U{n}", name=name or f"Đơn vị {n}", kind=kind, parent=parent,
               contacts=[UnitContact(email=e) for e in emails])
    db.session.add(row)
    db.session.commit()
    return row


def user(*roles, name=None, email=None):
    """``roles`` are (Role, unit) pairs."""
    n = next(_seq)
    row = User(email=email or f"user{n}@example.org", full_name=name or f"Người dùng {n}")
    row.set_password(PASSWORD)
    for role, where in roles:
        row.memberships.append(Membership(unit_id=where.id, role=Role(role)))
    db.session.add(row)
    db.session.commit()
    return row


def programme(admin, code, start_year, end_year, projects=(), name=None, decision="", is_active=True):
    """A programme added by ``admin``, with ``projects``: (code, name, [(code, name) of sub-projects])."""
    from app.budget import operations as budget_ops

    added = budget_ops.add_programme(admin, code, name or f"Chương trình {code}", decision, start_year, end_year,
                                     is_active)
    for project_code, project_name, subprojects in projects:
        project = budget_ops.add_item(admin, added, project_code, project_name)
        for sub_code, sub_name in subprojects:
            budget_ops.add_item(admin, added, sub_code, sub_name, project)
    db.session.commit()
    return added


class World:
    """A province, its labour department coordinating a plan, two districts assigned."""

    def __init__(self, year=2026):
        self.province = unit("Ủy ban nhân dân tỉnh Đắk Nông", UnitKind.PROVINCE)
        self.labour = unit("Sở Lao động - Thương binh và Xã hội", parent=self.province,
                           emails=["sldtbxh@example.org"])
        self.district = unit("Huyện Krông Nô", UnitKind.DISTRICT, parent=self.province,
                             emails=["krongno@example.org"])
        self.other_district = unit("Huyện Cư Jút", UnitKind.DISTRICT, parent=self.province)
        self.admin = user((Role.ADMIN, self.province), name="Quản trị")
        self.reviewer = user((Role.REVIEWER, self.labour), name="Nguyễn Văn Bình")
        self.reviewer2 = user((Role.REVIEWER, self.labour), name="Trần Thị Mai")
        self.head = user((Role.HEAD, self.district), name="Phạm Văn Hùng")
        self.staff = user((Role.STAFF, self.district), name="Lê Thị Lan")
        self.other_head = user((Role.HEAD, self.other_district), name="Võ Văn Nam")
        self.observer = user((Role.OBSERVER, self.province), name="Lãnh đạo tỉnh")
        self.outsider = user((Role.HEAD, unit("Tỉnh khác", UnitKind.PROVINCE)), name="Người ngoài")
        self.plan = plan_ops.create_plan(
            self.admin, self.province, self.labour, year=year, number="98", symbol="KH-UBND",
            title=f"Thực hiện chỉ tiêu giảm nghèo bền vững năm {year}", place="Đắk Nông",
            issued_on=dt.date(year, 2, 15), legal_bases="", goals="",
            **{f"{k.value}_due_on": default_due_on(k, year)
               for k in (DeliverableKind.SUBPLAN, DeliverableKind.SIX_MONTH, DeliverableKind.ANNUAL)})
        plan_ops.assign_units(self.admin, self.plan, [self.district, self.other_district], "Nhiệm vụ được giao")
        plan_ops.publish_plan(self.admin, self.plan)
        self.assignment = next(a for a in self.plan.assignments if a.unit_id == self.district.id)
        db.session.commit()  # as the requests that made all this would have: operations only flush

    def document(self, kind=DeliverableKind.SUBPLAN, assignment=None):
        assignment = assignment or self.assignment
        return next(d for d in assignment.deliverables if d.kind is kind).document


def login(client, who, password=PASSWORD):
    response = client.post("/login", data={"email": who.email, "password": password})
    assert response.status_code == 302, response.get_data(as_text=True)
    return client


#: What a unit with households must give before submitting (the counts of its period).
SUBPLAN_COUNTS = {"households_start": 1000, "poor_start": 100, "poor_reduction": 10, "households_end": 1000,
                  "poor_end": 90}
REPORT_COUNTS = {"households_end": 1000, "poor_start": 100, "poor_escaped": 12, "poor_new": 1, "poor_fell_back": 1,
                 "poor_end": 90}


def ready(doc, **extra):
    """Content ``doc`` may be submitted with: its text and, for a unit with households, the
    counts (a department's: a budget line). ``extra`` overrides or adds fields."""
    from app.budget.models import BudgetItem
    from workflows.enums import DeliverableKind

    kind = doc.deliverable.kind
    content = {"tasks": "Triển khai các nhiệm vụ.", "results": "Đã thực hiện các nhiệm vụ."}
    if doc.deliverable.assignment.unit.kind.has_households:
        if kind is DeliverableKind.SUBPLAN:
            content["target"] = dict(SUBPLAN_COUNTS)
        else:
            content["figures"] = dict(REPORT_COUNTS)
    else:
        item = db.session.scalar(db.select(BudgetItem.id).where(
            BudgetItem.code == "DA7", BudgetItem.programme_id == doc.deliverable.plan.programme_id))
        content["budget"] = {str(item): {"allocated": {"central_recurrent": "100"}}}
    content.update(extra)
    return content


def submit_through_pages(client, doc, data):
    """The head's way: "save and review" on the edit page, then "Submit" on the summary page.
    ``data``: the edit form's fields (the lock version is added). Returns the last response."""
    response = client.post(f"/documents/{doc.id}/edit", data={**data, "lock_version": doc.lock_version,
                                                              "submit": "1"})
    if response.status_code != 302 or not response.location.endswith(f"/documents/{doc.id}/submit"):
        return response
    page = client.get(f"/documents/{doc.id}/submit")
    if page.status_code != 200:
        return page
    db.session.expire_all()
    return client.post(f"/documents/{doc.id}/submit", data={"lock_version": db.session.get(
        type(doc), doc.id).lock_version, "comment": ""})
