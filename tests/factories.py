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

    def document(self, kind=DeliverableKind.SUBPLAN, assignment=None):
        assignment = assignment or self.assignment
        return next(d for d in assignment.deliverables if d.kind is kind).document


def login(client, who, password=PASSWORD):
    response = client.post("/login", data={"email": who.email, "password": password})
    assert response.status_code == 302, response.get_data(as_text=True)
    return client
